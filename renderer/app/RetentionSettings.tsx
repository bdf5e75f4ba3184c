import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { RETENTION_DAYS, type RetentionStatus } from '../../shared/contract/retention';
import { api } from './api';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', flexWrap: 'wrap' },
  days: { width: '8rem', minWidth: 0 },
  // Level with the input, under the field's label line.
  save: { marginTop: `calc(${tokens.lineHeightBase300} + ${tokens.spacingVerticalXXS})` },
});

/** A sentence of what a prune would remove now, from main's own plan (nothing invented). */
function describe(plan: RetentionStatus['plan']): string {
  const files = plan.logFiles.length;
  return `A prune now would remove ${plan.runs} job run${plan.runs === 1 ? '' : 's'} (${plan.runLogLines} log lines, ${plan.reportRows} report rows), ${plan.batches} CSV batch${plan.batches === 1 ? '' : 'es'} (${plan.batchRows} rows) and ${files} log file${files === 1 ? '' : 's'}, everything from before ${new Date(plan.cutoff).toLocaleString()}.`;
}

/**
 * How many days logs, run history, run reports and CSV batch results are kept, with what that
 * would prune now, previewed as it is typed. PM mode only: in clerk mode main refuses the channel
 * and the section is not shown.
 */
export function RetentionSettings() {
  const styles = useStyles();
  const [status, setStatus] = useState<RetentionStatus | null>(null);
  const [hidden, setHidden] = useState(false);
  const [days, setDays] = useState('');
  const [preview, setPreview] = useState<RetentionStatus['plan'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api.retention.show({}).then(
      (s) => {
        setStatus(s);
        setDays(String(s.days));
        setPreview(s.plan);
      },
      () => setHidden(true),
    );
  }, []);

  useEffect(() => {
    if (!status) return;
    const n = Number(days);
    if (days.trim() === '' || !Number.isInteger(n)) {
      setProblem('Enter the number of days as a whole number.');
      setPreview(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api.retention.show({ days: n }).then(
        (s) => {
          if (stale) return;
          setProblem(null);
          setPreview(s.plan);
        },
        (e: Error) => {
          if (stale) return;
          setProblem(e.message);
          setPreview(null);
        },
      );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [days, status]);

  if (hidden || !status) return null;
  const changed = Number(days) !== status.days;
  return (
    <section className={styles.section} aria-labelledby="retention-heading">
      <Text id="retention-heading" weight="semibold">
        History kept
      </Text>
      <div className={styles.row}>
        <Field
          label={`Keep for (days, ${RETENTION_DAYS.min}–${RETENTION_DAYS.max})`}
          hint="Logs, run history, run reports and CSV batch results"
          validationMessage={problem ?? undefined}
          validationState={problem ? 'error' : 'none'}
        >
          <Input
            className={styles.days}
            type="number"
            min={RETENTION_DAYS.min}
            max={RETENTION_DAYS.max}
            value={days}
            onChange={(_, d) => {
              setSaved(null);
              setDays(d.value);
            }}
          />
        </Field>
        <Button
          className={styles.save}
          disabled={!changed || problem !== null || preview === null}
          onClick={() =>
            void api.retention.set({ days: Number(days) }).then(
              (s) => {
                setStatus(s);
                setPreview(s.plan);
                setSaved(`Saved: kept for ${s.days} days; the daily prune uses it from now on.`);
              },
              (e: Error) => setProblem(e.message),
            )
          }
        >
          Save days
        </Button>
      </div>
      <Text size={200} aria-live="polite">
        {preview ? describe(preview) : 'No preview until the number of days is valid.'} {preview?.kept}
      </Text>
      {saved && <Text size={200}>{saved}</Text>}
    </section>
  );
}
