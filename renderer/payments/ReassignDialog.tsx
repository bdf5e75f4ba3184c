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
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { AccountMatch, QueueEntry } from '../../shared/domain/payments';
import { EXCEPTION_LABELS } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { api } from '../app/api';

const useStyles = makeStyles({
  search: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  results: { maxHeight: '260px', overflowY: 'auto', marginTop: tokens.spacingVerticalM },
  match: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  payment: {
    padding: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/**
 * Resolves an exception on the spot: find the right account in InHANCE (by number or name), then
 * move the payment to it and, usually, post it in the same step.
 */
export function ReassignDialog(props: {
  entry: QueueEntry | null;
  billerId: string;
  onReassign: (accountNumber: string, post: boolean) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { entry } = props;
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<AccountMatch[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setQuery(entry?.customerName ?? '');
    setMatches(null);
    setChosen('');
    setError(null);
  }, [entry]);

  const search = async () => {
    if (!query.trim()) return setError('Type an account number or a name.');
    setBusy(true);
    setError(null);
    try {
      const { accounts } = await api.payments.searchAccounts({ billerId: props.billerId, query: query.trim() });
      setMatches(accounts);
      // Nothing is pre-selected: the clerk picks the customer; a guess here would move money to the wrong account.
      setChosen('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const picked = matches?.find((m) => m.accountNumber === chosen);
  return (
    <Dialog open={entry !== null} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface style={{ maxWidth: '720px' }}>
        <DialogBody>
          <DialogTitle>Reassign to another account</DialogTitle>
          <DialogContent>
            {entry && (
              <div className={styles.payment}>
                <Text block weight="semibold">
                  {formatCents(entry.amountCents)} from {entry.customerName || 'an unnamed payer'}, sent for account{' '}
                  {entry.originalAccountNumber}
                </Text>
                {entry.exception && (
                  <Text size={200}>
                    {EXCEPTION_LABELS[entry.exception.kind]}: {entry.exception.reason}
                  </Text>
                )}
              </div>
            )}
            <form
              className={styles.search}
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                void search();
              }}
            >
              <Field
                label="Find the account in InHANCE (number or name)"
                style={{ flex: 1 }}
                validationMessage={error ?? undefined}
              >
                <Input autoFocus value={query} onChange={(_, d) => setQuery(d.value)} />
              </Field>
              <Button type="submit" icon={<Search20Regular />} disabled={busy}>
                Search
              </Button>
            </form>
            <div className={styles.results}>
              {busy && <Spinner size="tiny" label="Searching InHANCE" />}
              {matches && matches.length === 0 && (
                <Text>No account matches “{query}”. Try part of the name or the first digits of the number.</Text>
              )}
              {matches && matches.length > 0 && (
                <RadioGroup aria-label="Matching accounts" value={chosen} onChange={(_, d) => setChosen(d.value)}>
                  {matches.map((m) => (
                    <Radio
                      key={m.accountNumber}
                      value={m.accountNumber}
                      label={
                        <span className={styles.match}>
                          <Text weight="semibold">{m.accountNumber}</Text>
                          <Text>{m.name}</Text>
                          {m.status !== 'active' && (
                            <Badge appearance="tint" color="warning">
                              {m.status}
                            </Badge>
                          )}
                          <Text size={200}>
                            {m.address} · balance {formatCents(m.balanceCents)}
                          </Text>
                        </span>
                      }
                    />
                  ))}
                </RadioGroup>
              )}
            </div>
            {matches && matches.length > 0 && !picked && <Text block>Choose the customer’s account above.</Text>}
            {picked && entry && (
              <Text block weight="semibold" role="status">
                {formatCents(entry.amountCents)} from {entry.customerName || 'an unnamed payer'} goes to account{' '}
                {picked.accountNumber}, {picked.name}.
              </Text>
            )}
            {picked && picked.status !== 'active' && (
              <MessageBar intent="warning">
                <MessageBarBody>
                  Account {picked.accountNumber} is {picked.status}; InHANCE may refuse a payment on it.
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button disabled={!picked} onClick={() => picked && props.onReassign(picked.accountNumber, false)}>
              Reassign only
            </Button>
            <Button
              appearance="primary"
              disabled={!picked}
              onClick={() => picked && props.onReassign(picked.accountNumber, true)}
            >
              {picked && entry
                ? `Reassign and post ${formatCents(entry.amountCents)} to ${picked.accountNumber}`
                : 'Reassign and post'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
