import { Field, Input, makeStyles, mergeClasses, Select, Switch, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import type { Ref } from 'react';
import { EXCEPTION_KINDS, EXCEPTION_LABELS, type ExceptionKind, type QueueTab } from '../../shared/domain/payments';
import type { FilterProblems, QueueFilterForm } from './filter';
import { formatDay } from './format';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'flex-start',
  },
  search: { flex: '1 1 260px', minWidth: '220px' },
  amount: { width: '76px' },
  // Label beside its control (not above): the toolbar is one short row, the queue keeps the height.
  inline: { gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

export interface QueueToolbarProps {
  tab: QueueTab;
  form: QueueFilterForm;
  problems: FilterProblems;
  depositDays: string[];
  exceptionKind: ExceptionKind | 'all';
  onlyLiveUser: boolean;
  livePostingUser: string;
  searchRef: Ref<HTMLInputElement>;
  onForm: (patch: Partial<QueueFilterForm>) => void;
  onExceptionKind: (kind: ExceptionKind | 'all') => void;
  onOnlyLiveUser: (only: boolean) => void;
  /** ↓ from the search box goes to the table, so typing and working the list need no mouse. */
  onLeaveSearch: () => void;
}

/** Search and filters; main applies them, so the list, the totals and "select all that match" agree. */
export function QueueToolbar(props: QueueToolbarProps) {
  const styles = useStyles();
  const { form, onForm } = props;
  return (
    <div className={styles.bar} role="search" aria-label="Filter the queue">
      <Field
        label="Search (/)"
        className={mergeClasses(styles.inline, styles.search)}
        orientation="horizontal"
        size="small"
      >
        <Input
          size="small"
          ref={props.searchRef}
          contentBefore={<Search20Regular aria-hidden />}
          placeholder="Account, name, IC reference, invoice or amount"
          value={form.search}
          onChange={(_, d) => onForm({ search: d.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              props.onLeaveSearch();
            } else if (e.key === 'Escape' && form.search) {
              e.preventDefault();
              onForm({ search: '' });
            }
          }}
        />
      </Field>
      <Field label="Method" orientation="horizontal" size="small" className={styles.inline}>
        <Select
          size="small"
          value={form.method}
          onChange={(_, d) => onForm({ method: d.value as QueueFilterForm['method'] })}
        >
          <option value="all">All</option>
          <option value="card">Card</option>
          <option value="ach">ACH</option>
        </Select>
      </Field>
      <Field
        label="From $"
        validationMessage={props.problems.minAmount}
        orientation="horizontal"
        size="small"
        className={styles.inline}
      >
        <Input
          size="small"
          className={styles.amount}
          inputMode="decimal"
          value={form.minAmount}
          onChange={(_, d) => onForm({ minAmount: d.value })}
        />
      </Field>
      <Field
        label="To $"
        validationMessage={props.problems.maxAmount}
        orientation="horizontal"
        size="small"
        className={styles.inline}
      >
        <Input
          size="small"
          className={styles.amount}
          inputMode="decimal"
          value={form.maxAmount}
          onChange={(_, d) => onForm({ maxAmount: d.value })}
        />
      </Field>
      <Field label="Deposit day" orientation="horizontal" size="small" className={styles.inline}>
        <Select size="small" value={form.depositDate} onChange={(_, d) => onForm({ depositDate: d.value })}>
          <option value="">All days</option>
          {props.depositDays.map((day) => (
            <option key={day} value={day}>
              {formatDay(day)}
            </option>
          ))}
        </Select>
      </Field>
      {props.tab === 'exceptions' && (
        <Field label="Reason" orientation="horizontal" size="small" className={styles.inline}>
          <Select
            size="small"
            value={props.exceptionKind}
            onChange={(_, d) => props.onExceptionKind(d.value as ExceptionKind | 'all')}
          >
            <option value="all">All reasons</option>
            {EXCEPTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {EXCEPTION_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {props.tab === 'posted-today' && (
        <Field label="Posted by" orientation="horizontal" size="small" className={styles.inline}>
          <Switch
            checked={props.onlyLiveUser}
            label={`Only ${props.livePostingUser}`}
            onChange={(_, d) => props.onOnlyLiveUser(d.checked)}
          />
        </Field>
      )}
    </div>
  );
}
