import {
  Badge,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { Biller } from '../../shared/domain/biller';
import {
  CHECKLIST_ROLES,
  GO_LIVE_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  ROLE_LABELS,
  type Checklist,
  type ChecklistItem,
  type GoLiveAction,
  type ItemStatus,
  type Readiness,
} from '../../shared/domain/checklist';
import { api } from '../app/api';
import { debounce, useEvents } from '../app/use-event';
import { CHECKLIST_EVENTS } from './conversion.store';
import { saveFile } from '../components/save-file';

const useStyles = makeStyles({
  top: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  card: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  roleLine: {
    display: 'grid',
    gridTemplateColumns: '220px 1fr 150px',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  th: {
    textAlign: 'left',
    padding: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  td: {
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  how: { color: tokens.colorNeutralForeground2 },
  auto: { color: tokens.colorPaletteGreenForeground1 },
  control: { width: '100%', minWidth: 0, maxWidth: '100%' },
  roleHeader: { marginTop: tokens.spacingVerticalXL, marginBottom: tokens.spacingVerticalS },
});

function Progress({ label, r }: { label: string; r: Readiness }) {
  const styles = useStyles();
  return (
    <div className={styles.roleLine}>
      <Text>{label}</Text>
      <ProgressBar
        value={r.requiredTotal ? r.requiredDone / r.requiredTotal : 1}
        thickness="large"
        aria-label={`${label}: ${r.requiredDone} of ${r.requiredTotal} required done`}
      />
      <Text>{`${r.requiredDone} of ${r.requiredTotal} required`}</Text>
    </div>
  );
}

function ItemRow({ item, billerId, contactsList }: { item: ChecklistItem; billerId: string; contactsList: string }) {
  const styles = useStyles();
  const [draft, setDraft] = useState({
    owner: item.owner ?? '',
    due: item.due ?? '',
    notes: item.notes ?? '',
    evidence: item.evidence ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      setDraft({
        owner: item.owner ?? '',
        due: item.due ?? '',
        notes: item.notes ?? '',
        evidence: item.evidence ?? '',
      }),
    [item.owner, item.due, item.notes, item.evidence],
  );

  const save = async (
    change: Partial<{ status: ItemStatus; owner: string; due: string; notes: string; evidence: string }>,
  ) => {
    try {
      await api.checklist.set({ billerId, itemId: item.id, ...change });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const blur = (key: keyof typeof draft) => () => {
    if (draft[key] !== ((item[key] as string | null) ?? '')) void save({ [key]: draft[key] });
  };
  const name = item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text;

  return (
    <tr data-item={item.id}>
      <td className={styles.td}>
        <div className={styles.item}>
          <Text weight="semibold">{item.text}</Text>
          <Text size={200} className={styles.how}>
            {item.section}
            {item.who ? ` · Who: ${item.who}` : ''}
          </Text>
          <span>
            {item.required ? (
              <Badge appearance="outline" color="danger">
                Required
              </Badge>
            ) : (
              <Badge appearance="outline">Optional</Badge>
            )}
          </span>
        </div>
      </td>
      <td className={styles.td}>
        <Select
          className={styles.control}
          aria-label={`Status of ${name}`}
          value={item.status}
          disabled={item.source === 'auto'}
          onChange={(_, d) => void save({ status: d.value as ItemStatus })}
        >
          {ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ITEM_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <Text
          size={200}
          block
          className={item.source === 'auto' ? styles.auto : styles.how}
          style={{ marginTop: tokens.spacingVerticalXXS }}
        >
          {item.statusText}
        </Text>
        {error && (
          <Text size={200} block role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
            {error}
          </Text>
        )}
      </td>
      <td className={styles.td}>
        <Input
          className={styles.control}
          list={contactsList}
          aria-label={`Owner of ${name}`}
          value={draft.owner}
          placeholder="Name"
          onChange={(_, d) => setDraft({ ...draft, owner: d.value })}
          onBlur={blur('owner')}
        />
      </td>
      <td className={styles.td}>
        <Input
          className={styles.control}
          aria-label={`Due date of ${name}`}
          type="date"
          value={draft.due}
          onChange={(_, d) => setDraft({ ...draft, due: d.value })}
          onBlur={blur('due')}
        />
      </td>
      <td className={styles.td}>
        <Textarea
          className={styles.control}
          aria-label={`Notes on ${name}`}
          value={draft.notes}
          resize="vertical"
          onChange={(_, d) => setDraft({ ...draft, notes: d.value })}
          onBlur={blur('notes')}
        />
      </td>
      <td className={styles.td}>
        <Input
          className={styles.control}
          aria-label={`Evidence link for ${name}`}
          value={draft.evidence}
          placeholder="https://…"
          onChange={(_, d) => setDraft({ ...draft, evidence: d.value })}
          onBlur={blur('evidence')}
        />
        {item.evidence && (
          <Link href={item.evidence} target="_blank" rel="noreferrer">
            Open evidence
          </Link>
        )}
      </td>
    </tr>
  );
}

function GoLive({ biller, checklist }: { biller: Biller; checklist: Checklist }) {
  const styles = useStyles();
  const [refused, setRefused] = useState<{ action: GoLiveAction; message: string } | null>(null);
  const [override, setOverride] = useState<GoLiveAction | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const go = async (action: GoLiveAction, overrideReason?: string) => {
    try {
      await api.checklist.goLive({ billerId: biller.id, action, ...(overrideReason ? { overrideReason } : {}) });
      setRefused(null);
      setOverride(null);
      setReason('');
      setDone(
        `Done: ${GO_LIVE_LABELS[action]}${overrideReason ? ' (gate overridden; the reason is in the audit log)' : ''}.`,
      );
    } catch (e) {
      setDone(null);
      setRefused({ action, message: (e as Error).message });
      setOverride(null);
    }
  };

  return (
    <Card className={styles.card} aria-label="Go live">
      <Text as="h3" size={400} weight="semibold">
        Go live
      </Text>
      <Text>
        {biller.sandbox
          ? 'The sandbox biller is never gated.'
          : checklist.ready
            ? 'Every required item is done: the gate is open.'
            : 'Live posting and schedules on this installation wait for the required items, unless you override with a reason.'}
      </Text>
      <Text size={200}>
        Posting: {biller.postingMode === 'live' ? 'live' : 'pending'} · Schedules here:{' '}
        {biller.isJobHost ? 'on (job host)' : 'off'}
      </Text>
      <div className={styles.actions}>
        <Button disabled={biller.postingMode === 'live'} onClick={() => void go('posting-live')}>
          Switch posting to live
        </Button>
        <Button disabled={biller.isJobHost} onClick={() => void go('schedules-on')}>
          Turn on schedules here
        </Button>
      </div>
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {refused && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{refused.message}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setOverride(refused.action)}>
              Override…
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Dialog open={override !== null} onOpenChange={(_, d) => !d.open && setOverride(null)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (override && reason.trim()) void go(override, reason.trim());
            }}
          >
            <DialogBody>
              <DialogTitle>Override the go-live gate</DialogTitle>
              <DialogContent>
                <Text block>
                  {override &&
                    `You are about to ${GO_LIVE_LABELS[override]} for ${biller.name} while required checklist items are open. Your name, the time, the reason and the open items go to the audit log.`}
                </Text>
                <Field label="Reason" required style={{ marginTop: tokens.spacingVerticalM }}>
                  <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setOverride(null)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!reason.trim()}>
                  Override and go ahead
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </Card>
  );
}

/** A biller's conversion checklist: readiness by role, the go-live gate, and the items by role. */
export function ChecklistPanel({ biller }: { biller: Biller }) {
  const styles = useStyles();
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [contacts, setContacts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const contactsList = `contacts-${biller.id}`;
  const load = useCallback(async () => {
    try {
      setChecklist(await api.checklist.get({ billerId: biller.id }));
      // The biller's contacts are offered as owners.
      setContacts((await api.setup.get({ billerId: biller.id })).fields.contacts.map((c) => c.name));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [biller.id]);
  useEffect(() => {
    void load();
  }, [load, biller.updatedAt]);
  const [reload] = useState(() => debounce((again: () => Promise<void>) => void again(), 300));
  useEvents(CHECKLIST_EVENTS, (p) => {
    const { billerId, id } = p as { billerId?: string; id?: string };
    if ((billerId ?? id) === biller.id) reload(load);
  });

  const exportCsv = async () => {
    const { fileName, csv } = await api.checklist.exportCsv({ billerId: biller.id });
    saveFile(fileName, csv, 'text/csv');
  };

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!checklist) return <Text>Loading the checklist…</Text>;
  return (
    <>
      <datalist id={contactsList}>
        {contacts.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className={styles.top}>
        <Card className={styles.card} aria-label="Readiness">
          <Text as="h3" size={400} weight="semibold">
            {checklist.ready ? 'Ready to go live' : 'Not ready to go live yet'}
          </Text>
          <Progress label="Overall" r={checklist.overall} />
          {CHECKLIST_ROLES.map((r) => (
            <Progress key={r} label={ROLE_LABELS[r]} r={checklist.byRole[r]} />
          ))}
          <div className={styles.actions}>
            <Button icon={<ArrowDownload20Regular />} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          </div>
        </Card>
        <GoLive biller={biller} checklist={checklist} />
      </div>
      {CHECKLIST_ROLES.map((role) => (
        <section key={role} aria-label={ROLE_LABELS[role]}>
          <Text as="h3" size={500} weight="semibold" block className={styles.roleHeader}>
            {ROLE_LABELS[role]}
          </Text>
          <table className={styles.table}>
            <colgroup>
              <col style={{ width: '28%' }} />
              <col style={{ width: '22%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '12%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '12%' }} />
            </colgroup>
            <thead>
              <tr>
                {['Item', 'Status', 'Owner', 'Due', 'Notes', 'Evidence'].map((h) => (
                  <th key={h} className={styles.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {checklist.items
                .filter((i) => i.role === role)
                .map((i) => (
                  <ItemRow key={i.id} item={i} billerId={biller.id} contactsList={contactsList} />
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
