import {
  Button,
  Card,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Biller } from '../../shared/domain/biller';
import {
  CASELLE_LABELS,
  CASELLE_STATUSES,
  CONTACT_ORG_LABELS,
  CONTACT_ORGS,
  IVR_LABELS,
  IVR_STATUSES,
  TEMPLATE_LABELS,
  TEMPLATE_STATUSES,
  TRACK70_LABELS,
  TRACK70_STATUSES,
  type PdfCheck,
  type Setup,
  type SetupFields,
} from '../../shared/domain/setup';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { SampleImage } from './SampleImage';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalM },
  contact: {
    display: 'grid',
    gridTemplateColumns: '1.2fr 1fr 1fr 1.4fr 1fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  bar: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} role="group" aria-label={title}>
      <Text as="h3" size={400} weight="semibold">
        {title}
      </Text>
      {children}
    </Card>
  );
}

/** Field errors from main ("fields.track70.reference" → message), shown under their fields. */
type FieldErrors = Record<string, string>;

/** The biller's conversion setup items, saved together; PDF check and sample image act at once. */
export function SetupPanel({ biller }: { biller: Biller }) {
  const styles = useStyles();
  const billers = useApp((s) => s.billers);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [draft, setDraft] = useState<SetupFields | null>(null);
  const [formatGuid, setFormatGuid] = useState(biller.invoiceFormatGuid ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [check, setCheck] = useState<PdfCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [copyFrom, setCopyFrom] = useState('');

  const load = useCallback(async () => {
    const s = await api.setup.get({ billerId: biller.id });
    setSetup(s);
    setDraft(structuredClone(s.fields) as SetupFields);
    setCheck(s.pdfCheck);
  }, [biller.id]);
  useEffect(() => {
    void load();
    setFormatGuid(biller.invoiceFormatGuid ?? '');
  }, [load, biller.invoiceFormatGuid]);

  if (!draft || !setup) return <Text>Loading the setup…</Text>;
  const set = (change: (d: SetupFields) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
  };
  const err = (path: string) => errors[`fields.${path}`];

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    setMessage(null);
    try {
      const fields = structuredClone(draft);
      const guid = formatGuid.trim();
      // Receiving the invoice format GUID closes the Track 70 request.
      if (guid && guid !== (biller.invoiceFormatGuid ?? '')) {
        const { id: _i, sandbox: _s, createdAt: _c, updatedAt: _u, secrets: _x, ...profile } = biller;
        await api.billers.update({ id: biller.id, fields: { ...profile, invoiceFormatGuid: guid } });
        fields.track70.status = 'received';
      }
      const saved = await api.setup.update({ billerId: biller.id, fields });
      setSetup(saved);
      setDraft(structuredClone(saved.fields) as SetupFields);
      setCheck(saved.pdfCheck);
      setErrors({});
      setMessage({ intent: 'success', text: 'Setup saved. The checklist is updated.' });
    } catch (error) {
      const fields = (error as Error & { fields?: FieldErrors }).fields ?? {};
      setErrors(fields);
      setMessage({ intent: 'error', text: (error as Error).message });
    }
  };

  const verify = async () => {
    setChecking(true);
    try {
      setCheck(await api.setup.verifyPdfLink({ billerId: biller.id }));
    } catch (error) {
      setMessage({ intent: 'error', text: (error as Error).message });
    } finally {
      setChecking(false);
    }
  };

  const copy = async () => {
    if (!copyFrom) return;
    try {
      const s = await api.setup.copyFrom({ billerId: biller.id, sourceBillerId: copyFrom });
      setSetup(s);
      setDraft(structuredClone(s.fields) as SetupFields);
      setMessage({
        intent: 'success',
        text: `Setup copied from ${billers.find((b) => b.id === copyFrom)?.name ?? 'the other biller'} (no secrets, no Track 70 request, no links).`,
      });
    } catch (error) {
      setMessage({ intent: 'error', text: (error as Error).message });
    }
  };

  const savedTemplate = setup.fields.billImages.pdfLinkTemplate;
  return (
    <form className={styles.form} aria-label={`Setup of ${biller.name}`} onSubmit={(e) => void save(e)}>
      <Section title="Invoice format GUID (Track 70)">
        <div className={styles.grid}>
          <Field label="Track 70 status" validationMessage={err('track70.status')}>
            <Select
              value={draft.track70.status}
              onChange={(_, d) => set((x) => (x.track70.status = d.value as SetupFields['track70']['status']))}
            >
              {TRACK70_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {TRACK70_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Submitted on" validationMessage={err('track70.submittedOn')}>
            <Input
              type="date"
              value={draft.track70.submittedOn ?? ''}
              onChange={(_, d) => set((x) => (x.track70.submittedOn = d.value || null))}
            />
          </Field>
          <Field label="Track 70 reference" validationMessage={err('track70.reference')}>
            <Input
              value={draft.track70.reference ?? ''}
              onChange={(_, d) => set((x) => (x.track70.reference = d.value || null))}
            />
          </Field>
        </div>
        <Field
          label="Invoice format GUID"
          hint="Once received from Track 70; saving it marks the request received."
          validationMessage={errors.invoiceFormatGuid}
        >
          <Input
            value={formatGuid}
            onChange={(_, d) => setFormatGuid(d.value)}
            placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          />
        </Field>
      </Section>

      <Section title="Bill images">
        <RadioGroup
          layout="horizontal"
          aria-label="Bill image method"
          value={draft.billImages.method}
          onChange={(_, d) => set((x) => (x.billImages.method = d.value as SetupFields['billImages']['method']))}
        >
          <Radio value="pdf-linking" label="PDF linking (preferred)" />
          <Radio value="template-track" label="Template Track" />
        </RadioGroup>
        {draft.billImages.method === 'pdf-linking' ? (
          <>
            <Field
              label="PDF link template"
              hint="Use {billNumber} and {accountNumber}; checked against a real bill from InHANCE."
              validationMessage={err('billImages.pdfLinkTemplate')}
            >
              <Input
                value={draft.billImages.pdfLinkTemplate ?? ''}
                onChange={(_, d) => set((x) => (x.billImages.pdfLinkTemplate = d.value || null))}
                placeholder="https://bills.example.gov/{billNumber}.pdf"
              />
            </Field>
            <div className={styles.row}>
              <Button
                disabled={!savedTemplate || savedTemplate !== draft.billImages.pdfLinkTemplate || checking}
                onClick={() => void verify()}
              >
                {checking ? 'Checking…' : 'Verify against a real bill'}
              </Button>
              {savedTemplate !== draft.billImages.pdfLinkTemplate && <Text size={200}>Save the template first.</Text>}
            </div>
            {check && (
              <MessageBar intent={check.ok ? 'success' : 'warning'} aria-label="PDF link check">
                <MessageBarBody>
                  {check.message} Link {check.url}: status {check.status ?? 'none'},{' '}
                  {check.contentType ?? 'no content type'}, {check.bytes ?? 0} bytes. Checked{' '}
                  {check.at.slice(0, 16).replace('T', ' ')} by {check.by}.
                </MessageBarBody>
              </MessageBar>
            )}
          </>
        ) : (
          <>
            <Field label="Template Track request" validationMessage={err('billImages.templateStatus')}>
              <Select
                value={draft.billImages.templateStatus}
                onChange={(_, d) =>
                  set((x) => (x.billImages.templateStatus = d.value as SetupFields['billImages']['templateStatus']))
                }
              >
                {TEMPLATE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {TEMPLATE_LABELS[s]}
                  </option>
                ))}
              </Select>
            </Field>
            <SampleImage billerId={biller.id} image={setup.sampleImage} onImported={() => void load()} />
          </>
        )}
      </Section>

      <Section title="IVR (utilitysearch2)">
        <div className={styles.grid}>
          <Field label="IVR status">
            <Select
              value={draft.ivr.status}
              onChange={(_, d) => set((x) => (x.ivr.status = d.value as SetupFields['ivr']['status']))}
            >
              {IVR_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {IVR_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label="IVR notes" validationMessage={err('ivr.notes')}>
          <Textarea value={draft.ivr.notes ?? ''} onChange={(_, d) => set((x) => (x.ivr.notes = d.value || null))} />
        </Field>
      </Section>

      <Section title="Caselle server access for COWS">
        <Switch
          label="This biller uses Caselle (COWS)"
          checked={draft.caselle.applies}
          onChange={(_, d) => set((x) => (x.caselle.applies = d.checked))}
        />
        {draft.caselle.applies && (
          <div className={styles.grid}>
            <Field label="Caselle host" validationMessage={err('caselle.host')}>
              <Input
                value={draft.caselle.host ?? ''}
                onChange={(_, d) => set((x) => (x.caselle.host = d.value || null))}
              />
            </Field>
            <Field label="Access status">
              <Select
                value={draft.caselle.status}
                onChange={(_, d) => set((x) => (x.caselle.status = d.value as SetupFields['caselle']['status']))}
              >
                {CASELLE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {CASELLE_LABELS[s]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        )}
      </Section>

      <Section title="Project active with InHANCE">
        <div className={styles.grid}>
          <Field label="Confirmed on" validationMessage={err('projectActive.confirmedOn')}>
            <Input
              type="date"
              value={draft.projectActive.confirmedOn ?? ''}
              onChange={(_, d) => set((x) => (x.projectActive.confirmedOn = d.value || null))}
            />
          </Field>
          <Field label="Confirmed with" validationMessage={err('projectActive.confirmedWith')}>
            <Input
              value={draft.projectActive.confirmedWith ?? ''}
              onChange={(_, d) => set((x) => (x.projectActive.confirmedWith = d.value || null))}
            />
          </Field>
        </div>
      </Section>

      <Section title="Contacts">
        {draft.contacts.length === 0 && <Text>No contacts yet.</Text>}
        {draft.contacts.map((c, i) => (
          <div key={i} className={styles.contact} role="group" aria-label={`Contact ${i + 1}`}>
            <Field label="Name" validationMessage={err(`contacts.${i}.name`)}>
              <Input value={c.name} onChange={(_, d) => set((x) => (x.contacts[i]!.name = d.value))} />
            </Field>
            <Field label="Organisation">
              <Select
                value={c.organisation}
                onChange={(_, d) =>
                  set((x) => (x.contacts[i]!.organisation = d.value as (typeof CONTACT_ORGS)[number]))
                }
              >
                {CONTACT_ORGS.map((o) => (
                  <option key={o} value={o}>
                    {CONTACT_ORG_LABELS[o]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Role">
              <Input value={c.role ?? ''} onChange={(_, d) => set((x) => (x.contacts[i]!.role = d.value || null))} />
            </Field>
            <Field label="Email" validationMessage={err(`contacts.${i}.email`)}>
              <Input
                type="email"
                value={c.email ?? ''}
                onChange={(_, d) => set((x) => (x.contacts[i]!.email = d.value || null))}
              />
            </Field>
            <Field label="Phone">
              <Input value={c.phone ?? ''} onChange={(_, d) => set((x) => (x.contacts[i]!.phone = d.value || null))} />
            </Field>
            <Button
              icon={<Delete20Regular />}
              aria-label={`Remove contact ${c.name || i + 1}`}
              onClick={() => set((x) => void x.contacts.splice(i, 1))}
            />
          </div>
        ))}
        <div>
          <Button
            icon={<Add20Regular />}
            onClick={() =>
              set(
                (x) =>
                  void x.contacts.push({ name: '', organisation: 'inhance', role: null, email: null, phone: null }),
              )
            }
          >
            Add contact
          </Button>
        </div>
      </Section>

      <Section title="Links">
        <div className={styles.grid}>
          <Field
            label="Smartsheet sheet"
            hint="https://app.smartsheet.com/…"
            validationMessage={err('links.smartsheet')}
          >
            <Input
              value={draft.links.smartsheet ?? ''}
              onChange={(_, d) => set((x) => (x.links.smartsheet = d.value || null))}
            />
          </Field>
          <Field
            label="Confluence page"
            hint="https://<site>.atlassian.net/…"
            validationMessage={err('links.confluence')}
          >
            <Input
              value={draft.links.confluence ?? ''}
              onChange={(_, d) => set((x) => (x.links.confluence = d.value || null))}
            />
          </Field>
        </div>
        <div className={styles.row}>
          {setup.fields.links.smartsheet && (
            <Link href={setup.fields.links.smartsheet} target="_blank" rel="noreferrer">
              Open the Smartsheet sheet
            </Link>
          )}
          {setup.fields.links.confluence && (
            <Link href={setup.fields.links.confluence} target="_blank" rel="noreferrer">
              Open the Confluence page
            </Link>
          )}
        </div>
      </Section>

      <Section title="Copy setup from another biller">
        <div className={styles.row}>
          <Field label="Biller to copy from">
            <Select value={copyFrom} onChange={(_, d) => setCopyFrom(d.value)}>
              <option value="">Choose a biller</option>
              {billers
                .filter((b) => b.id !== biller.id)
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
            </Select>
          </Field>
          <Button disabled={!copyFrom} onClick={() => void copy()}>
            Copy setup
          </Button>
        </div>
        <Text size={200}>
          Copies bill images, IVR, Caselle and the InHANCE and InvoiceCloud contacts. Never secrets, the Track 70
          request, the project confirmation or links.
        </Text>
      </Section>

      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.bar}>
        <Button appearance="primary" type="submit">
          Save setup
        </Button>
      </div>
    </form>
  );
}
