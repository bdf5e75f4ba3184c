import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { ErrorCircle16Filled } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { SchedulePreview } from '../../shared/contract/jobs';
import {
  DEFAULT_SCHEDULES,
  describeSchedule,
  runPolicySchema,
  scheduleSchema,
  type RunPolicy,
  scheduleToCron,
  type IntervalUnit,
  type JobStatus,
  type ScheduleDraft,
} from '../../shared/domain/jobs';
import { api } from '../app/api';
import { formatExact } from './format';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  interval: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  every: { width: '8rem', minWidth: 0 },
  preview: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  resetSpacer: { marginRight: 'auto' },
  error: {
    color: tokens.colorPaletteRedForeground1,
    fontSize: tokens.fontSizeBase200,
    marginTop: tokens.spacingVerticalXS,
  },
  errorIcon: { verticalAlign: 'text-bottom', marginRight: tokens.spacingHorizontalXS },
  policy: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  numbers: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-start' },
  number: { width: '9rem', minWidth: 0 },
});

interface PolicyDraft {
  onlyWhenReachable: boolean;
  timeLimit: string;
  retryCount: string;
  retryInterval: string;
}

const policyDraftOf = (p: RunPolicy): PolicyDraft => ({
  onlyWhenReachable: p.onlyWhenReachable,
  timeLimit: p.timeLimitMinutes === null ? '' : String(p.timeLimitMinutes),
  retryCount: String(p.retryCount),
  retryInterval: String(p.retryIntervalSeconds),
});

/** The run options' number fields: what each edits, its label, hint, least value and which policy field its error is on. */
const POLICY_NUMBERS: ReadonlyArray<{
  field: Exclude<keyof PolicyDraft, 'onlyWhenReachable'>;
  error: keyof RunPolicy;
  label: string;
  hint: string;
  min: number;
}> = [
  { field: 'timeLimit', error: 'timeLimitMinutes', label: 'Time limit (minutes)', hint: 'Empty: no limit', min: 1 },
  { field: 'retryCount', error: 'retryCount', label: 'Retries after a failure', hint: '0 turns retries off', min: 0 },
  {
    field: 'retryInterval',
    error: 'retryIntervalSeconds',
    label: 'Retry interval (seconds)',
    hint: 'Grows after each retry',
    min: 5,
  },
];

/** The run policy the form holds, or the messages per field (the shared zod schema's words). */
function toPolicy(d: PolicyDraft): { policy: RunPolicy } | { errors: Partial<Record<keyof RunPolicy, string>> } {
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  const parsed = runPolicySchema.safeParse({
    onlyWhenReachable: d.onlyWhenReachable,
    timeLimitMinutes: d.timeLimit.trim() === '' ? null : num(d.timeLimit),
    retryCount: num(d.retryCount),
    retryIntervalSeconds: num(d.retryInterval),
  });
  if (parsed.success) return { policy: parsed.data };
  const errors: Partial<Record<keyof RunPolicy, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof RunPolicy;
    errors[field] ??= issue.message;
  }
  return { errors };
}

type Mode = 'interval' | 'cron';

interface Draft {
  mode: Mode;
  every: string;
  unit: IntervalUnit;
  expression: string;
}

function draftOf(status: JobStatus): Draft {
  const s = status.schedule;
  return s.type === 'cron'
    ? { mode: 'cron', every: '1', unit: 'hours', expression: s.expression }
    : { mode: 'interval', every: String(s.every), unit: s.unit, expression: scheduleToCron(s) };
}

/** What to send for preview and save, or a sentence when the form cannot even say it yet. */
function toSchedule(d: Draft): ScheduleDraft | string {
  if (d.mode === 'cron') return { type: 'cron', expression: d.expression };
  const every = Number(d.every);
  if (d.every.trim() === '' || !Number.isInteger(every)) return 'Enter how often the job runs as a whole number.';
  return { type: 'interval', every, unit: d.unit };
}

/** The cron form of an interval the form holds, when it is one the clock face can keep. */
function previewCron(draft: ScheduleDraft): string | null {
  if (draft.type !== 'interval') return null;
  const parsed = scheduleSchema.safeParse(draft);
  return parsed.success ? scheduleToCron(parsed.data) : null;
}

export interface ScheduleDialogProps {
  billerId: string;
  timeZone: string;
  status: JobStatus;
  onClose(): void;
}

/**
 * Edits one job's schedule: every N minutes/hours or a cron expression, checked by main as it is
 * typed (the next five runs, or why not), saved or reset to the source document's default.
 */
export function ScheduleDialog({ billerId, timeZone, status, onClose }: ScheduleDialogProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<Draft>(() => draftOf(status));
  const [policyDraft, setPolicyDraft] = useState<PolicyDraft>(() => policyDraftOf(status.runPolicy));
  const policy = toPolicy(policyDraft);
  const policyErrors = 'errors' in policy ? policy.errors : {};
  const [preview, setPreview] = useState<SchedulePreview | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const schedule = toSchedule(draft);
  const local = typeof schedule === 'string' ? schedule : null;

  useEffect(() => {
    if (typeof schedule === 'string') return;
    let stale = false;
    const timer = setTimeout(() => {
      api.jobs
        .previewSchedule({ schedule, timeZone, count: 5 })
        .then((p) => !stale && setPreview(p))
        .catch((e: Error) => !stale && setPreview({ valid: false, field: 'expression', message: e.message }));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // The draft's fields are the dependencies: `schedule` is a new object on every render.
  }, [draft.mode, draft.every, draft.unit, draft.expression, timeZone]);

  const invalid = local ?? (preview && !preview.valid ? preview.message : null);
  const fieldError = (field: string) =>
    local && field === 'every'
      ? local
      : preview && !preview.valid && preview.field === field
        ? preview.message
        : undefined;
  const ready = !local && preview?.valid === true && 'policy' in policy;
  const intervalError = fieldError('every') ?? fieldError('unit');
  const intervalErrorId = useId('interval-error');

  const save = async (value: ScheduleDraft | null) => {
    setSaving(true);
    setError(null);
    try {
      // Main validates again and refuses an invalid schedule with INVALID_INPUT in plain words.
      await api.jobs.setSchedule({ billerId, job: status.job, schedule: value });
      if (value !== null && 'policy' in policy)
        await api.jobs.setRunPolicy({ billerId, job: status.job, runPolicy: policy.policy });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (ready && typeof schedule !== 'string') void save(schedule);
          }}
        >
          <DialogBody>
            <DialogTitle>Schedule of {status.label}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text>
                Times are in the biller’s time zone, {timeZone}. The source document’s default is{' '}
                {lowerFirst(describeSchedule(DEFAULT_SCHEDULES[status.job]))}.
              </Text>
              <RadioGroup
                aria-label="Kind of schedule"
                value={draft.mode}
                onChange={(_, d) => {
                  setPreview(null);
                  const mode = d.value as Mode;
                  // Switching to cron starts from the interval being edited, written as cron.
                  const current = toSchedule(draft);
                  const expression =
                    mode === 'cron' && typeof current !== 'string'
                      ? (previewCron(current) ?? draft.expression)
                      : draft.expression;
                  setDraft({ ...draft, mode, expression });
                }}
              >
                <Radio value="interval" label="Every N minutes or hours" />
                <Radio value="cron" label="Cron expression" />
              </RadioGroup>
              {draft.mode === 'interval' ? (
                <div>
                  <div className={styles.interval}>
                    <Field label="Every" validationState={intervalError ? 'error' : 'none'}>
                      <Input
                        className={styles.every}
                        type="number"
                        min={1}
                        value={draft.every}
                        aria-describedby={intervalError ? intervalErrorId : undefined}
                        onChange={(_, d) => setDraft({ ...draft, every: d.value })}
                      />
                    </Field>
                    <Field label="Unit" validationState={intervalError ? 'error' : 'none'}>
                      <Select
                        value={draft.unit}
                        aria-describedby={intervalError ? intervalErrorId : undefined}
                        onChange={(_, d) => setDraft({ ...draft, unit: d.value as IntervalUnit })}
                      >
                        <option value="minutes">minutes</option>
                        <option value="hours">hours</option>
                      </Select>
                    </Field>
                  </div>
                  {/* One message under both controls: it is about the pair, and it needs the width. */}
                  {intervalError && (
                    <Text id={intervalErrorId} className={styles.error} block>
                      <ErrorCircle16Filled className={styles.errorIcon} />
                      {intervalError}
                    </Text>
                  )}
                </div>
              ) : (
                <Field
                  label="Cron expression"
                  hint="Five fields: minute, hour, day of month, month, day of week. Example: 0 */3 * * * runs every 3 hours on the hour."
                  validationMessage={fieldError('expression') ?? fieldError('timeZone')}
                  validationState={fieldError('expression') || fieldError('timeZone') ? 'error' : 'none'}
                >
                  <Input
                    value={draft.expression}
                    onChange={(_, d) => setDraft({ ...draft, expression: d.value })}
                    spellCheck={false}
                  />
                </Field>
              )}
              <section aria-label="Next runs" aria-live="polite">
                {invalid ? (
                  <Text>This schedule cannot be used yet.</Text>
                ) : !preview ? (
                  <Spinner size="tiny" label="Checking the schedule" />
                ) : (
                  preview.valid && (
                    <>
                      <Text weight="semibold" block>
                        {preview.description}: the next five runs
                      </Text>
                      <ol className={styles.preview}>
                        {preview.nextRuns.map((iso) => (
                          <li key={iso}>
                            <time dateTime={iso}>{formatExact(iso, timeZone)}</time>
                          </li>
                        ))}
                      </ol>
                    </>
                  )
                )}
              </section>
              <fieldset className={styles.policy}>
                <legend>
                  <Text weight="semibold">Run options</Text>
                </legend>
                <Checkbox
                  checked={policyDraft.onlyWhenReachable}
                  onChange={(_, d) => setPolicyDraft({ ...policyDraft, onlyWhenReachable: d.checked === true })}
                  label="Run only when the network is reachable (a skipped run catches up once when InvoiceCloud and InHANCE answer again)"
                />
                <div className={styles.numbers}>
                  {POLICY_NUMBERS.map((n) => (
                    <Field
                      key={n.field}
                      label={n.label}
                      hint={n.hint}
                      validationMessage={policyErrors[n.error]}
                      validationState={policyErrors[n.error] ? 'error' : 'none'}
                    >
                      <Input
                        className={styles.number}
                        type="number"
                        min={n.min}
                        value={policyDraft[n.field]}
                        onChange={(_, d) => setPolicyDraft({ ...policyDraft, [n.field]: d.value })}
                      />
                    </Field>
                  ))}
                </div>
              </fieldset>
              {error && (
                <MessageBar intent="error">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions fluid>
              <Button
                className={styles.resetSpacer}
                disabled={saving || status.isDefaultSchedule}
                onClick={() => void save(null)}
              >
                Reset to default
              </Button>
              <Button onClick={onClose}>Cancel</Button>
              <Button appearance="primary" type="submit" disabled={!ready || saving}>
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** "weekly, Sunday 3:00 AM" inside a sentence: only the first letter lowered, never "am" or "sunday". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
