import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { PlugConnected20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ConnectionResult } from '../../shared/contract/billers';
import { api } from '../app/api';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  results: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
});

const SYSTEMS = [
  { system: 'invoicecloud', label: 'InvoiceCloud' },
  { system: 'impresa', label: 'InHANCE Impresa' },
] as const;

/** "Test connection" for every system the biller talks to, with the answer in plain words. */
export function ConnectionTests(props: { billerId: string }) {
  const styles = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<
    Record<string, ConnectionResult | { system: string; ok: false; message: string; elapsedMs: number }>
  >({});

  const run = async (system: 'invoicecloud' | 'impresa') => {
    setBusy(system);
    try {
      const result = await api.billers.testConnection({ id: props.billerId, system });
      setResults((r) => ({ ...r, [system]: result }));
    } catch (e) {
      setResults((r) => ({ ...r, [system]: { system, ok: false, message: (e as Error).message, elapsedMs: 0 } }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-label="Test connection">
      <div className={styles.row}>
        {SYSTEMS.map((s) => (
          <Button
            key={s.system}
            icon={busy === s.system ? <Spinner size="tiny" /> : <PlugConnected20Regular />}
            disabled={busy !== null}
            onClick={() => void run(s.system)}
          >
            Test {s.label}
          </Button>
        ))}
      </div>
      <div className={styles.results} aria-live="polite">
        {SYSTEMS.filter((s) => results[s.system]).map((s) => {
          const r = results[s.system]!;
          return (
            <MessageBar key={s.system} intent={r.ok ? 'success' : 'error'}>
              <MessageBarBody>
                {r.message}
                {r.elapsedMs > 0 && ` (${r.elapsedMs} ms)`}
              </MessageBarBody>
            </MessageBar>
          );
        })}
      </div>
    </section>
  );
}
