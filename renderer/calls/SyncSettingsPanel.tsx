import { Badge, Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  CALLS_SECRET_LABELS,
  SMARTSHEET_DEFAULT_TITLES,
  SMARTSHEET_FIELDS,
  type CallsSecretName,
  type SheetColumns,
  type SyncSettings,
} from '../../shared/domain/calls';
import { api } from '../app/api';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

function TokenField({
  billerId,
  name,
  stored,
  onStored,
}: {
  billerId: string;
  name: CallsSecretName;
  stored: boolean | null;
  onStored: (o: Outcome) => void;
}) {
  const styles = useCallStyles();
  const [value, setValue] = useState('');
  const label = CALLS_SECRET_LABELS[name];
  return (
    <div className={styles.row}>
      <Field
        label={`${label} (write only)`}
        className={styles.grow}
        hint={
          stored === null
            ? 'The OS keychain cannot be reached.'
            : stored
              ? 'A token is stored. Type a new one to replace it.'
              : 'Not stored yet.'
        }
      >
        <Input type="password" autoComplete="off" value={value} onChange={(_, d) => setValue(d.value)} />
      </Field>
      <Badge appearance="tint" color={stored ? 'success' : 'warning'}>
        {stored === null ? 'Unknown' : stored ? 'Stored' : 'Not stored'}
      </Badge>
      <Button
        disabled={!value}
        aria-label={`Store the ${label}`}
        onClick={() =>
          api.calls.setToken({ billerId, name, value }).then(
            () => {
              setValue('');
              onStored({ intent: 'success', text: `${label} stored in the OS keychain.` });
            },
            (e: unknown) => onStored({ intent: 'error', text: errorText(e) }),
          )
        }
      >
        Store
      </Button>
    </div>
  );
}

/** Where the biller's calls sync: Smartsheet sheet and columns, Confluence page. */
export function SyncSettingsPanel({ billerId }: { billerId: string }) {
  const styles = useCallStyles();
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [columns, setColumns] = useState<SheetColumns | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const load = () =>
    api.calls.settings({ billerId }).then(
      (s) => {
        setSettings(s);
        setDraft({
          smartsheetUrl: s.smartsheetUrl,
          sheetId: s.sheetId ?? '',
          confluenceUrl: s.confluenceUrl ?? '',
          pageId: s.pageId ?? '',
          confluenceEmail: s.confluenceEmail ?? '',
        });
      },
      (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
    );
  useEffect(() => {
    setColumns(null);
    void load();
  }, [billerId]);
  if (!settings) return <OutcomeBar outcome={outcome} />;
  const text = (key: string, label: string) => (
    <Field label={label} className={styles.grow}>
      <Input value={draft[key] ?? ''} onChange={(_, d) => setDraft({ ...draft, [key]: d.value })} />
    </Field>
  );
  const save = (extra: Partial<SyncSettings> = {}) =>
    api.calls
      .saveSettings({
        billerId,
        settings: {
          smartsheetUrl: draft.smartsheetUrl,
          sheetId: draft.sheetId || null,
          confluenceUrl: draft.confluenceUrl || null,
          pageId: draft.pageId || null,
          confluenceEmail: draft.confluenceEmail || null,
          ...(extra.columns ? { columns: extra.columns } : {}),
        },
      })
      .then(
        (s) => {
          setSettings(s);
          setOutcome({ intent: 'success', text: 'Calls settings saved.' });
        },
        (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
      );
  const stored = (o: Outcome) => {
    setOutcome(o);
    void load();
  };
  return (
    <div className={styles.panel}>
      <OutcomeBar outcome={outcome} />
      <section className={styles.section} aria-label="Smartsheet">
        <Text as="h3" weight="semibold" size={400}>
          Smartsheet
        </Text>
        <div className={styles.row}>
          {text('smartsheetUrl', 'Smartsheet API address')}
          {text('sheetId', 'Sheet ID')}
        </div>
        <TokenField billerId={billerId} name="smartsheet-token" stored={settings.smartsheetToken} onStored={stored} />
        <div className={styles.row}>
          <Button
            onClick={() =>
              api.calls.sheetColumns({ billerId }).then(
                (c) => {
                  setColumns(c);
                  setOutcome(
                    c.missing.length
                      ? {
                          intent: 'warning',
                          text: `The sheet "${c.sheetName}" has ${c.missing.join(', ')}: choose a column for each below.`,
                        }
                      : { intent: 'success', text: `The sheet "${c.sheetName}" has a column for every field.` },
                  );
                },
                (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
              )
            }
          >
            Read the sheet's columns
          </Button>
        </div>
        {columns && (
          <div className={styles.row}>
            {SMARTSHEET_FIELDS.map((f) => (
              <Field key={f} label={`Column for "${SMARTSHEET_DEFAULT_TITLES[f]}"`}>
                <Select
                  value={String(columns.resolved[f] ?? '')}
                  onChange={(_, d) => {
                    const next = { ...settings.columns, [f]: Number(d.value) };
                    setColumns({ ...columns, resolved: { ...columns.resolved, [f]: Number(d.value) } });
                    void save({ columns: next });
                  }}
                >
                  <option value="">(none)</option>
                  {columns.columns.map((c) => (
                    <option key={c.id} value={String(c.id)}>
                      {c.title}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        )}
      </section>
      <section className={styles.section} aria-label="Confluence">
        <Text as="h3" weight="semibold" size={400}>
          Confluence
        </Text>
        <div className={styles.row}>
          {text('confluenceUrl', 'Confluence site address')}
          {text('pageId', 'Page ID')}
          {text('confluenceEmail', 'Account email')}
        </div>
        <TokenField billerId={billerId} name="confluence-token" stored={settings.confluenceToken} onStored={stored} />
      </section>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void save()}>
          Save settings
        </Button>
      </div>
    </div>
  );
}
