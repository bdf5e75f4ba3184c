import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { IcLimitsView } from '../../shared/contract/ic';
import { IC_RATE_LIMIT_BOUNDS, icRateLimitsSchema, type IcRateLimits } from '../../shared/domain/ic-rate-limits';
import { api } from '../app/api';
import { useEvent } from '../app/use-event';

const FIELDS: Array<{ key: keyof IcRateLimits; label: string; hint: string }> = [
  {
    key: 'minIntervalMs',
    label: 'Minimum interval (ms)',
    hint: "Between the starts of two requests (0: only the spacing IC's HTTP 429 answers teach).",
  },
  { key: 'threshold', label: 'Request threshold', hint: 'After this many requests, pause for the cool-down (0: off).' },
  { key: 'cooldownMs', label: 'Cool-down (ms)', hint: 'The pause after the threshold.' },
  {
    key: 'delayAfter429Ms',
    label: 'Delay after HTTP 429 (ms)',
    hint: "When IC sends no Retry-After; IC's value is used when it does.",
  },
  { key: 'maxConcurrency', label: 'Concurrency cap', hint: 'Requests in flight at once.' },
];

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', gridColumn: '1 / -1' },
  wide: { gridColumn: '1 / -1' },
});

/** A biller's InvoiceCloud rate limits: every job, look-up and batch of the biller goes through them. */
export function RateLimitsSettings(props: { billerId: string }) {
  const styles = useStyles();
  const [view, setView] = useState<IcLimitsView | null>(null);
  const [draft, setDraft] = useState<Record<keyof IcRateLimits, string> | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof IcRateLimits, string>>>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const show = (v: IcLimitsView) => {
    setView(v);
    setDraft(Object.fromEntries(FIELDS.map((f) => [f.key, String(v[f.key])])) as Record<keyof IcRateLimits, string>);
  };
  useEffect(() => {
    void api.ic
      .limits({ billerId: props.billerId })
      .then(show, (e: Error) => setMessage({ intent: 'error', text: e.message }));
  }, [props.billerId]);

  // A 429 (or a cool-down) while the settings are open: what the limiter learned shows at once.
  useEvent('ic:throttled', (e) => {
    if (e.billerId !== props.billerId) return;
    void api.ic.limits({ billerId: props.billerId }).then(
      (v) => setView(v),
      () => undefined,
    );
  });

  async function save(limits: IcRateLimits | null): Promise<void> {
    setMessage(null);
    try {
      const v = await api.ic.setLimits({ billerId: props.billerId, limits });
      show(v);
      setMessage({
        intent: 'success',
        text: limits === null ? 'Back to the default limits.' : 'Saved: the next InvoiceCloud call uses them.',
      });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    }
  }

  function submit(): void {
    if (!draft) return;
    const numbers = Object.fromEntries(
      FIELDS.map((f) => [f.key, /^\d+$/.test(draft[f.key].trim()) ? Number(draft[f.key].trim()) : NaN]),
    );
    const parsed = icRateLimitsSchema.safeParse(numbers);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    void save(parsed.data);
  }

  if (!view || !draft) return <Text>Loading the rate limits…</Text>;
  return (
    <form
      className={styles.form}
      aria-label="InvoiceCloud rate limits"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {FIELDS.map((f) => (
        <Field
          key={f.key}
          label={f.label}
          hint={`${f.hint} ${IC_RATE_LIMIT_BOUNDS[f.key].min}–${IC_RATE_LIMIT_BOUNDS[f.key].max}.`}
          validationMessage={errors[f.key]}
          validationState={errors[f.key] ? 'error' : 'none'}
        >
          <Input
            inputMode="numeric"
            value={draft[f.key]}
            onChange={(_, d) => setDraft({ ...draft, [f.key]: d.value })}
          />
        </Field>
      ))}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          Save rate limits
        </Button>
        <Button type="button" disabled={view.isDefault} onClick={() => void save(null)}>
          Use the defaults
        </Button>
        <Text>{view.isDefault ? 'The safe defaults are in use.' : 'Limits set for this biller.'}</Text>
      </div>
      {view.status && view.status.tooManyRequests > 0 && (
        <Text className={styles.wide} role="status">
          InvoiceCloud answered HTTP 429{' '}
          {view.status.tooManyRequests === 1 ? 'once' : `${view.status.tooManyRequests} times`} since the app started:{' '}
          {view.status.learnedIntervalMs > 0
            ? `requests now start at least ${view.status.learnedIntervalMs} ms apart, halving after every 50 answers without a 429.`
            : 'the spacing it taught has relaxed to none after answers without a 429.'}
        </Text>
      )}
      {message && (
        <MessageBar intent={message.intent} className={styles.wide}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
