import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { Controller, useForm, type Control, type FieldErrors } from 'react-hook-form';
import * as z from 'zod';
import type { InvoiceFileSettings as Settings } from '../../shared/contract/bif';
import {
  describeNotifyRule,
  NOTIFY_ANCHORS,
  type NotifyDates,
  type NotifyRule,
} from '../../shared/domain/notify-dates';
import type { AppError } from '../../shared/errors';
import { api } from '../app/api';

const NOTICES = [
  { key: 'first', label: 'First notification' },
  { key: 'second', label: 'Second notification' },
  { key: 'third', label: 'Third notification' },
] as const;
type NoticeKey = (typeof NOTICES)[number]['key'];

// The form edits each rule as a person says it ("3 days before the due date"); the domain keeps a
// signed offset. Days stay text until submit so a half-typed number gets a field error, not NaN.
const noticeSchema = z
  .object({ send: z.boolean(), days: z.string(), direction: z.enum(['before', 'after']), from: z.enum(NOTIFY_ANCHORS) })
  .superRefine((v, ctx) => {
    if (!v.send) return;
    const days = v.days.trim();
    if (!/^\d+$/.test(days))
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'Enter the number of days as a whole number (0 for on the day).',
      });
    else if (Number(days) > 90)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'Keep the offset within 90 days.' });
  });
const formSchema = z.object({
  first: noticeSchema,
  second: noticeSchema,
  third: noticeSchema,
  pdfLinking: z.boolean(),
});
type FormValues = z.output<typeof formSchema>;
type Notice = FormValues[NoticeKey];

function toNotice(rule: NotifyRule | null): Notice {
  if (!rule) return { send: false, days: '0', direction: 'before', from: 'due' };
  return {
    send: true,
    days: String(Math.abs(rule.days)),
    direction: rule.days < 0 ? 'before' : 'after',
    from: rule.from,
  };
}

function toRule(n: Notice): NotifyRule | null {
  if (!n.send) return null;
  const days = Number(n.days.trim());
  if (!Number.isInteger(days)) return null;
  return { from: n.from, days: n.direction === 'before' ? -days : days };
}

function toForm(s: Settings): FormValues {
  return {
    first: toNotice(s.dates.first),
    second: toNotice(s.dates.second),
    third: toNotice(s.dates.third),
    pdfLinking: s.pdfLinking,
  };
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  notice: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS + ' ' + tokens.spacingHorizontalM,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  row: {
    display: 'grid',
    gridTemplateColumns: '110px 140px 160px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    marginTop: tokens.spacingVerticalS,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

function NoticeFields(props: {
  name: NoticeKey;
  label: string;
  control: Control<FormValues>;
  errors: FieldErrors<FormValues>;
  value: Notice;
}) {
  const styles = useStyles();
  const { name, label, control, value } = props;
  const rule = props.value.send ? toRule(value) : null;
  return (
    <fieldset className={styles.notice}>
      <legend className={styles.legend}>{label}</legend>
      <Controller
        name={`${name}.send`}
        control={control}
        render={({ field }) => (
          <Switch
            checked={field.value}
            onChange={(_, d) => field.onChange(d.checked)}
            label={`Send the ${label.toLowerCase()}`}
          />
        )}
      />
      {value.send && (
        <div className={styles.row}>
          <Controller
            name={`${name}.days`}
            control={control}
            render={({ field }) => (
              <Field label="Days" validationMessage={props.errors[name]?.days?.message}>
                <Input
                  type="number"
                  min={0}
                  max={90}
                  name={field.name}
                  value={field.value}
                  onChange={(_, d) => field.onChange(d.value)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                />
              </Field>
            )}
          />
          <Controller
            name={`${name}.direction`}
            control={control}
            render={({ field }) => (
              <Field label="Before or after">
                <Select value={field.value} onChange={(_, d) => field.onChange(d.value)}>
                  <option value="before">before</option>
                  <option value="after">after</option>
                </Select>
              </Field>
            )}
          />
          <Controller
            name={`${name}.from`}
            control={control}
            render={({ field }) => (
              <Field label="Counted from">
                <Select value={field.value} onChange={(_, d) => field.onChange(d.value)}>
                  <option value="bill">the bill date</option>
                  <option value="due">the due date</option>
                </Select>
              </Field>
            )}
          />
        </div>
      )}
      <Text as="p" size={200} aria-live="polite">
        {value.send ? (rule ? `Sent ${describeNotifyRule(rule)}.` : 'Enter the number of days.') : 'Not sent.'}
      </Text>
    </fieldset>
  );
}

/**
 * The biller's Invoice File settings: the three email notification dates the BIF carries and
 * whether it uses PDF linking. Its own form, beside the biller form, saved on its own.
 */
export function InvoiceFileSettings(props: { billerId: string }) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const {
    control,
    handleSubmit,
    reset,
    setError,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    mode: 'onTouched',
    defaultValues: { first: toNotice(null), second: toNotice(null), third: toNotice(null), pdfLinking: true },
  });
  const values = watch();

  useEffect(() => {
    let live = true;
    api.bif
      .settings({ billerId: props.billerId })
      .then((s) => {
        if (!live) return;
        setLoaded(s);
        reset(toForm(s));
      })
      .catch((e: unknown) => live && setMessage({ intent: 'error', text: (e as Error).message }));
    return () => {
      live = false;
    };
  }, [props.billerId, reset]);

  const save = async (change: { dates: NotifyDates | null; pdfLinking: boolean }, done: (s: Settings) => string) => {
    setMessage(null);
    try {
      const s = await api.bif.setSettings({ billerId: props.billerId, ...change });
      setLoaded(s);
      reset(toForm(s));
      setMessage({ intent: 'success', text: done(s) });
    } catch (e) {
      const error = e as AppError;
      // Main names fields by the contract ("dates.second.days"); the form by notice ("second.days").
      for (const [field, text] of Object.entries(error.fields ?? {})) {
        const path = field.replace(/^dates\./, '');
        if (/^(first|second|third)\.days$/.test(path)) setError(path as `${NoticeKey}.days`, { message: text });
      }
      setMessage({ intent: 'error', text: error.message });
    }
  };

  const onSubmit = (v: FormValues) =>
    save(
      { dates: { first: toRule(v.first), second: toRule(v.second), third: toRule(v.third) }, pdfLinking: v.pdfLinking },
      () => 'Invoice File settings saved. The next Invoice File run uses them.',
    );

  if (!loaded && !message) return <Spinner size="small" label="Loading Invoice File settings" />;

  return (
    <form className={styles.form} onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Invoice File settings">
      <Text as="p">
        Each invoice in the Invoice File carries up to three email notification dates, counted from its bill date or due
        date.
        {loaded?.isDefault ? ' This biller uses the defaults.' : ''}
      </Text>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {NOTICES.map((n) => (
        <NoticeFields
          key={n.key}
          name={n.key}
          label={n.label}
          control={control}
          errors={errors}
          value={values[n.key]}
        />
      ))}
      <Controller
        name="pdfLinking"
        control={control}
        render={({ field }) => (
          <Field hint="Off: the PDF Link column is sent empty, whatever the CRM field mapping says.">
            <Switch
              checked={field.value}
              onChange={(_, d) => field.onChange(d.checked)}
              label="This biller uses PDF linking (each invoice carries a link to its bill PDF)"
            />
          </Field>
        )}
      />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={isSubmitting || !isDirty}>
          Save Invoice File settings
        </Button>
        <Button
          type="button"
          disabled={isSubmitting}
          onClick={() =>
            void save(
              { dates: null, pdfLinking: true },
              (s) => `Back to the defaults: ${s.described.join(', ')}; PDF linking on.`,
            )
          }
        >
          Reset to defaults
        </Button>
      </div>
    </form>
  );
}
