import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Combobox,
  Divider,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type * as z from 'zod';
import { billerInputSchema, DEFAULT_IC_HOST, DEFAULT_LIVE_POSTING_USER, type Biller } from '../../shared/domain/biller';
import { AppError } from '../../shared/errors';
import { api } from '../app/api';
import { SecretField } from './SecretField';

type FormIn = z.input<typeof billerInputSchema>;
type FormOut = z.output<typeof billerInputSchema>;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  grid: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: tokens.spacingVerticalM + ' ' + tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: { marginTop: tokens.spacingVerticalS },
});

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
  }
})();

function defaults(biller?: Biller): FormIn {
  if (biller) {
    return {
      name: biller.name,
      timeZone: biller.timeZone,
      billerGuid: biller.billerGuid,
      invoiceTypeId: biller.invoiceTypeId,
      invoiceFormatGuid: biller.invoiceFormatGuid ?? '',
      icHost: biller.icHost,
      impresaUrl: biller.impresaUrl,
      impresaUser: biller.impresaUser,
      postingMode: biller.postingMode,
      livePostingUser: biller.livePostingUser,
      isJobHost: biller.isJobHost,
    };
  }
  return {
    name: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    billerGuid: '',
    invoiceTypeId: '' as unknown as number,
    invoiceFormatGuid: '',
    icHost: DEFAULT_IC_HOST,
    impresaUrl: '',
    impresaUser: '',
    postingMode: 'pending',
    livePostingUser: DEFAULT_LIVE_POSTING_USER,
    isJobHost: false,
  };
}

export function BillerForm(props: {
  biller?: Biller;
  onSaved: (b: Biller) => void;
  onCancel?: () => void;
  extra?: React.ReactNode;
}) {
  const styles = useStyles();
  const { biller } = props;
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [newKey, setNewKey] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const {
    control,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(billerInputSchema),
    defaultValues: defaults(biller),
    mode: 'onTouched',
  });
  const postingMode = watch('postingMode');
  const [tzQuery, setTzQuery] = useState<string | null>(null);
  const tzOptions = useMemo(() => {
    const q = (tzQuery ?? '').toLowerCase().replace(/\s+/g, '_');
    return (q ? TIME_ZONES.filter((t) => t.toLowerCase().includes(q)) : TIME_ZONES).slice(0, 60);
  }, [tzQuery]);

  const onSubmit = async (fields: FormOut) => {
    setFormError(null);
    setSaved(null);
    try {
      let result: Biller;
      if (biller) {
        result = await api.billers.update({ id: biller.id, fields });
      } else {
        // One call, all or nothing: a keychain failure leaves no half-created biller behind.
        result = await api.billers.create({
          ...fields,
          secrets: {
            ...(newKey ? { 'web-service-key': newKey } : {}),
            ...(newPassword ? { 'impresa-password': newPassword } : {}),
          },
        });
        setNewKey('');
        setNewPassword('');
      }
      reset(defaults(result));
      setSaved(biller ? 'Changes saved.' : `Biller "${result.name}" created.`);
      props.onSaved(result);
    } catch (e) {
      const error = e as AppError;
      if (error.fields) {
        for (const [field, message] of Object.entries(error.fields)) setError(field as keyof FormIn, { message });
      }
      setFormError(error.message);
    }
  };

  const text = (
    name: keyof FormIn,
    label: string,
    options: {
      hint?: string;
      required?: boolean;
      type?: 'text' | 'number' | 'url';
      wide?: boolean;
      placeholder?: string;
    } = {},
  ) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Field
          label={label}
          required={options.required}
          hint={options.hint}
          className={options.wide ? styles.wide : undefined}
          validationMessage={errors[name]?.message}
        >
          <Input
            type={options.type ?? 'text'}
            name={field.name}
            value={field.value === null || field.value === undefined ? '' : String(field.value)}
            placeholder={options.placeholder}
            onChange={(_, d) => field.onChange(d.value)}
            onBlur={field.onBlur}
            ref={field.ref}
          />
        </Field>
      )}
    />
  );

  return (
    <form
      className={styles.form}
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={biller ? `Edit ${biller.name}` : 'New biller'}
    >
      {formError && (
        <MessageBar intent="error">
          <MessageBarBody>{formError}</MessageBarBody>
        </MessageBar>
      )}
      {saved && !formError && (
        <MessageBar intent="success">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.grid}>
        {text('name', 'Biller name', { required: true })}
        <Controller
          name="timeZone"
          control={control}
          render={({ field }) => (
            <Field
              label="Time zone"
              required
              validationMessage={errors.timeZone?.message}
              hint="Jobs run on this clock."
            >
              <Combobox
                freeform
                value={tzQuery ?? field.value ?? ''}
                selectedOptions={field.value ? [field.value] : []}
                onChange={(e) => setTzQuery(e.target.value)}
                onOptionSelect={(_, d) => {
                  // Typing over a chosen zone makes Fluent clear the selection (no optionValue) after the first
                  // letter is typed; taking that as a choice would reset the box and drop that letter.
                  if (d.optionValue === undefined) return;
                  field.onChange(d.optionValue);
                  setTzQuery(null);
                }}
                onBlur={() => {
                  if (tzQuery !== null) field.onChange(tzQuery);
                  setTzQuery(null);
                  field.onBlur();
                }}
              >
                {tzOptions.map((tz) => (
                  <Option key={tz} value={tz}>
                    {tz}
                  </Option>
                ))}
              </Combobox>
            </Field>
          )}
        />
        {text('billerGuid', 'InvoiceCloud biller GUID', {
          required: true,
          placeholder: '00000000-0000-0000-0000-000000000000',
          hint: 'Provided by the biller.',
        })}
        {text('invoiceTypeId', 'Invoice type ID', {
          required: true,
          type: 'number',
          hint: 'A whole number from InvoiceCloud.',
        })}
        {text('invoiceFormatGuid', 'Invoice format GUID', {
          hint: 'Leave empty until InvoiceCloud sends it: they create it on an internal request called Track 70, after the biller is set up.',
        })}
        {text('icHost', 'InvoiceCloud host', { required: true, type: 'url' })}
        {text('impresaUrl', 'InHANCE Impresa endpoint URL', {
          required: true,
          type: 'url',
          placeholder: 'https://impresa.example-utility.gov/api',
        })}
        {text('impresaUser', 'InHANCE Impresa username', { required: true })}
        <Controller
          name="postingMode"
          control={control}
          render={({ field }) => (
            <Field
              label="Payment posting"
              required
              validationMessage={errors.postingMode?.message}
              className={styles.wide}
            >
              <RadioGroup
                value={field.value}
                onChange={(_, d) => field.onChange(d.value)}
                layout="horizontal"
                name={field.name}
              >
                <Radio value="pending" label="Pending (clerks post from the queue)" />
                <Radio value="live" label="Live (posted by the IC Clerk user)" />
              </RadioGroup>
            </Field>
          )}
        />
        {postingMode === 'live' &&
          text('livePostingUser', 'Live-posting user', {
            required: true,
            hint: 'The InHANCE user payments are posted as.',
          })}
        <Controller
          name="isJobHost"
          control={control}
          render={({ field }) => (
            <Field
              className={styles.wide}
              hint="Exactly one installation per biller runs its scheduled jobs; the others only work the queue."
            >
              <Switch
                checked={!!field.value}
                onChange={(_, d) => field.onChange(d.checked)}
                label="This installation is the job host for this biller"
              />
            </Field>
          )}
        />
      </div>
      {!biller && (
        <>
          <Divider className={styles.section}>Secrets (kept in the OS keychain, never shown again)</Divider>
          <Field label="InvoiceCloud web service key" hint="Stored in the OS keychain when you create the biller.">
            <Input type="password" autoComplete="off" value={newKey} onChange={(_, d) => setNewKey(d.value)} />
          </Field>
          <Field label="InHANCE Impresa password" hint="Stored in the OS keychain when you create the biller.">
            <Input
              type="password"
              autoComplete="off"
              value={newPassword}
              onChange={(_, d) => setNewPassword(d.value)}
            />
          </Field>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={isSubmitting || (!!biller && !isDirty)}>
          {biller ? 'Save changes' : 'Create biller'}
        </Button>
        {props.onCancel && (
          <Button type="button" onClick={props.onCancel}>
            Cancel
          </Button>
        )}
        <Text size={200}>Fields marked * are required.</Text>
      </div>
      {biller && (
        <>
          <Divider className={styles.section}>Secrets (kept in the OS keychain, never shown again)</Divider>
          <SecretField billerId={biller.id} name="web-service-key" stored={biller.secrets['web-service-key']} />
          <SecretField billerId={biller.id} name="impresa-password" stored={biller.secrets['impresa-password']} />
        </>
      )}
      {props.extra && (
        <>
          <Divider className={styles.section}>Connections</Divider>
          {props.extra}
        </>
      )}
    </form>
  );
}
