import {
  Badge,
  Button,
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
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Comparison } from '../../shared/contract/ic';
import { formatCents } from '../../shared/domain/money';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { BillerPicker } from '../components/BillerPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { VisuallyHidden } from '../components/VisuallyHidden';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXL}`,
    maxWidth: '960px',
  },
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  input: { minWidth: '240px' },
  differs: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  value: { fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  table: { tableLayout: 'auto' },
  flag: { width: '90px' },
  result: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

type Kind = 'invoice' | 'customer';

/** One invoice or customer in InvoiceCloud and in InHANCE, side by side, differences marked. */
export function LookupsScreen() {
  const styles = useStyles();
  const { selectedBillerId, billers } = useApp();
  const [kind, setKind] = useState<Kind>('customer');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Comparison | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pushed, setPushed] = useState<string | null>(null);
  const biller = billers.find((b) => b.id === selectedBillerId) ?? null;

  async function lookUp(k: Kind = kind, n: string = number): Promise<void> {
    if (!selectedBillerId) return;
    setBusy(true);
    setError(null);
    try {
      const c =
        k === 'invoice'
          ? await api.ic.lookupInvoice({ billerId: selectedBillerId, invoiceNumber: n })
          : await api.ic.lookupCustomer({ billerId: selectedBillerId, accountNumber: n });
      setResult(c);
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function push(): Promise<void> {
    if (!selectedBillerId || !result?.accountNumber) return;
    setConfirming(false);
    setBusy(true);
    try {
      const r = await api.ic.pushBalance({ billerId: selectedBillerId, accountNumber: result.accountNumber });
      setPushed(
        r.updated
          ? `InvoiceCloud's balance of account ${r.accountNumber} is now ${formatCents(r.toCents)} (was ${r.fromCents === null ? 'unknown' : formatCents(r.fromCents)}).`
          : `InvoiceCloud does not know account ${r.accountNumber} yet; nothing was changed.`,
      );
      await lookUp(result.kind, result.key);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const balance = result?.fields.find((f) => f.field === 'balance');
  const canPush =
    !!result?.accountNumber && result.impresaBalanceCents !== null && result.ic.found && !!balance?.differs;

  return (
    <>
      <ScreenHeader
        title="Lookups"
        subtitle={
          biller ? `${biller.name} · InvoiceCloud and InHANCE side by side` : 'InvoiceCloud and InHANCE side by side'
        }
      >
        <BillerPicker />
      </ScreenHeader>
      <div className={styles.body}>
        {!selectedBillerId ? (
          <MessageBar intent="info">
            <MessageBarBody>Add a biller on the Billers screen first.</MessageBarBody>
          </MessageBar>
        ) : (
          <form
            className={styles.form}
            onSubmit={(e) => {
              e.preventDefault();
              setPushed(null);
              void lookUp();
            }}
          >
            <Field label="Find">
              <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as Kind)}>
                <Radio value="customer" label="Customer by account number" />
                <Radio value="invoice" label="Invoice by number" />
              </RadioGroup>
            </Field>
            <Field label={kind === 'invoice' ? 'Invoice number' : 'Account number'} required>
              <Input
                className={styles.input}
                value={number}
                onChange={(_, d) => setNumber(d.value)}
                placeholder={kind === 'invoice' ? 'e.g. 2503-0012345' : 'e.g. 0012345-01'}
              />
            </Field>
            <Button type="submit" appearance="primary" disabled={busy || number.trim() === ''}>
              Look up
            </Button>
            {busy && <Spinner size="tiny" label="Asking InvoiceCloud and InHANCE…" />}
          </form>
        )}
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The look-up failed</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {pushed && (
          <MessageBar intent="success">
            <MessageBarBody>{pushed}</MessageBarBody>
          </MessageBar>
        )}
        {result && (
          <section className={styles.result} aria-labelledby="lookup-result-title">
            <Text as="h3" id="lookup-result-title" size={500} weight="semibold" block>
              {result.kind === 'invoice' ? `Invoice ${result.key}` : `Customer ${result.key}`}
              {result.kind === 'invoice' && result.accountNumber ? ` · account ${result.accountNumber}` : ''}
            </Text>
            <Text role="status" block>
              {!result.ic.found || !result.impresa.found
                ? 'Not found in both systems.'
                : result.differences === 0
                  ? 'No differences.'
                  : `${result.differences} difference${result.differences === 1 ? '' : 's'}, highlighted.`}
            </Text>
            {result.ic.error && <Text block>InvoiceCloud: {result.ic.error}</Text>}
            {result.impresa.error && <Text block>InHANCE: {result.impresa.error}</Text>}
            <Table className={styles.table} aria-label="InvoiceCloud and InHANCE side by side" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Field</TableHeaderCell>
                  <TableHeaderCell>InvoiceCloud</TableHeaderCell>
                  <TableHeaderCell>InHANCE</TableHeaderCell>
                  <TableHeaderCell className={styles.flag}>
                    <VisuallyHidden>Difference</VisuallyHidden>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.fields.map((f) => (
                  <TableRow key={f.field} className={f.differs ? styles.differs : undefined}>
                    <TableCell>{f.label}</TableCell>
                    <TableCell className={styles.value}>{f.ic ?? '—'}</TableCell>
                    <TableCell className={styles.value}>{f.impresa ?? '—'}</TableCell>
                    <TableCell>
                      {f.differs && (
                        <Badge appearance="tint" color="warning">
                          Differs
                        </Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {result.accountNumber && result.impresaBalanceCents !== null && (
              <div className={styles.actions}>
                <Button disabled={!canPush || busy} onClick={() => setConfirming(true)}>
                  Push this balance to InvoiceCloud now
                </Button>
                <Text size={200}>
                  {canPush
                    ? `Sets InvoiceCloud's balance of account ${result.accountNumber} to InHANCE's ${formatCents(result.impresaBalanceCents)}, as the Balance job does.`
                    : 'The balances agree; nothing to push.'}
                </Text>
              </div>
            )}
          </section>
        )}
      </div>
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Push the balance to InvoiceCloud?</DialogTitle>
            <DialogContent>
              {result &&
                result.impresaBalanceCents !== null &&
                `InvoiceCloud's balance of account ${result.accountNumber} goes from ${result.icBalanceCents === null ? 'unknown' : formatCents(result.icBalanceCents)} to ${formatCents(result.impresaBalanceCents)}. The change is recorded in the audit log under your name.`}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
              <Button appearance="primary" onClick={() => void push()}>
                Push balance
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
