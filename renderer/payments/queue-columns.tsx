import { Badge, Text } from '@fluentui/react-components';
import { EXCEPTION_LABELS, type QueueEntry, type QueueTab } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { formatAge } from './filter';
import { formatInstant, formatWallClock, METHOD_LABELS, shortReference } from './format';
import type { OperationItem } from './operation';
import type { QueueColumn } from './QueueTable';

export interface ColumnContext {
  timeZone: string;
  now: number;
  /** Per-row outcome of the last action the clerk must notice (already posted, failed), by entry id. */
  notes: ReadonlyMap<string, OperationItem>;
}

type Col = QueueColumn<QueueEntry>;

const account: Col = {
  id: 'account',
  header: 'Account',
  // Wide enough for a whole account number (0001401-03) at 1024 px: the clerk's key to a payment.
  width: 'minmax(108px, 0.9fr)',
  sortValue: (r) => r.accountNumber,
  cell: (r) =>
    r.accountNumber !== r.originalAccountNumber ? (
      <span title={`IC sent account ${r.originalAccountNumber}`}>
        {r.accountNumber}{' '}
        <Text size={200} wrap={false}>
          (was {r.originalAccountNumber})
        </Text>
      </span>
    ) : (
      <>
        {r.accountNumber}
        {r.accountFlagged && (
          <Badge
            size="small"
            appearance="tint"
            color="danger"
            title="A payment on this account was returned or reversed"
          >
            flagged
          </Badge>
        )}
      </>
    ),
};
const customer: Col = {
  id: 'name',
  header: 'Customer name',
  width: 'minmax(100px, 1.3fr)',
  sortValue: (r) => r.customerName.toLowerCase(),
  cell: (r) => r.customerName,
};
const amount: Col = {
  id: 'amount',
  header: 'Amount',
  width: '88px',
  align: 'end',
  sortValue: (r) => r.amountCents,
  cell: (r) => formatCents(r.amountCents),
};
const paidAt: Col = {
  id: 'paidAt',
  header: 'Paid at',
  // At least what 1024×700 leaves; "Dec 12, 10:45 AM" whole where there is room (1366×768 and up).
  width: 'minmax(124px, 140px)',
  sortValue: (r) => r.paidAt ?? r.queuedAt,
  cell: (r) => formatWallClock(r.paidAt ?? r.depositDate),
};
const method: Col = {
  id: 'method',
  header: 'Method',
  width: 'minmax(60px, 76px)',
  sortValue: (r) => r.method,
  cell: (r) => METHOD_LABELS[r.method],
};
const reference: Col = {
  id: 'reference',
  header: 'IC reference',
  width: 'minmax(84px, 116px)',
  sortValue: (r) => r.paymentGuid,
  cell: (r) => (
    <span style={{ fontFamily: 'monospace' }} title={r.paymentGuid}>
      {shortReference(r.paymentGuid)}
    </span>
  ),
};
const byWhom = (label: string): Col => ({
  id: 'by',
  header: label,
  width: 'minmax(180px, 2fr)',
  sortValue: (r) => r.stateBy,
  cell: (r) => `${r.stateBy}${r.stateReason ? ` · ${r.stateReason}` : ''}`,
});

function status(ctx: ColumnContext): Col {
  return {
    id: 'status',
    header: 'Status',
    width: 'minmax(64px, 2fr)',
    cell: (r) => {
      const note = r.entryId ? ctx.notes.get(r.entryId) : undefined;
      if (!note)
        return r.state === 'posted' && r.postedBy
          ? `Posted by ${r.postedBy} at ${formatInstant(r.postedAt, ctx.timeZone)}`
          : '';
      const text =
        note.outcome === 'already-posted' && note.by
          ? `Already posted by ${note.by}${note.at ? ` at ${formatInstant(note.at, ctx.timeZone)}` : ''}`
          : note.message;
      return (
        <Badge
          appearance="tint"
          color={note.outcome === 'already-posted' ? 'warning' : 'danger'}
          title={note.message}
          style={{ maxWidth: '100%' }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{text}</span>
        </Badge>
      );
    },
  };
}

function age(ctx: ColumnContext): Col {
  return {
    id: 'age',
    header: 'In queue',
    description:
      'How long the payment has waited in the InHANCE queue (since the Payments job put it there), not since the customer paid.',
    width: '76px',
    align: 'end',
    sortValue: (r) => -Date.parse(r.queuedAt),
    cell: (r) => formatAge(r.queuedAt, ctx.now),
  };
}

const reason: Col = {
  id: 'reason',
  header: 'Reason',
  width: 'minmax(200px, 2.2fr)',
  sortValue: (r) => r.exception?.kind ?? '',
  cell: (r) =>
    r.exception ? (
      <span title={r.exception.reason}>
        <Text weight="semibold" wrap={false}>
          {EXCEPTION_LABELS[r.exception.kind]}
        </Text>
        {r.exception.reason && r.exception.reason !== EXCEPTION_LABELS[r.exception.kind]
          ? ` · ${r.exception.reason}`
          : ''}
      </span>
    ) : (
      ''
    ),
};

const returnCode: Col = {
  id: 'code',
  header: 'Code',
  width: '80px',
  sortValue: (r) => r.returnInfo?.code ?? '',
  cell: (r) => r.returnInfo?.code ?? '',
};
const returnReason: Col = {
  id: 'returnReason',
  header: 'Reason',
  width: 'minmax(160px, 1.4fr)',
  cell: (r) => r.returnInfo?.reason ?? '',
};
const returnAction: Col = {
  id: 'returnAction',
  header: 'In InHANCE',
  width: '140px',
  cell: (r) => {
    const a = r.returnInfo?.action;
    if (!a) return '';
    const label = {
      reversed: 'Receipt reversed',
      pulled: 'Pulled from queue',
      pending: 'Not yet',
      failed: 'Failed: see log',
    }[a];
    return a === 'failed' ? (
      <Badge appearance="tint" color="danger">
        {label}
      </Badge>
    ) : (
      label
    );
  },
};

function postedBy(ctx: ColumnContext): Col[] {
  return [
    {
      id: 'postedBy',
      header: 'Posted by',
      width: 'minmax(120px, 1fr)',
      sortValue: (r) => r.postedBy ?? '',
      cell: (r) => r.postedBy ?? '',
    },
    {
      id: 'postedAt',
      header: 'Posted at',
      width: '150px',
      sortValue: (r) => r.postedAt ?? '',
      cell: (r) => formatInstant(r.postedAt, ctx.timeZone),
    },
  ];
}

/** The columns of each tab: the common ones, plus what that tab is about (reason, who held it, return code). */
export function columnsFor(tab: QueueTab, ctx: ColumnContext): Array<QueueColumn<QueueEntry>> {
  switch (tab) {
    case 'ready':
      return [account, customer, amount, paidAt, method, reference, age(ctx), status(ctx)];
    case 'exceptions':
      return [account, customer, amount, paidAt, method, reason, reference, age(ctx), status(ctx)];
    case 'held':
      return [account, customer, amount, paidAt, method, byWhom('Held by · reason'), reference, age(ctx), status(ctx)];
    case 'rejected':
      return [account, customer, amount, paidAt, method, byWhom('Rejected by · reason'), reference, status(ctx)];
    case 'returns':
      return [account, customer, amount, paidAt, method, returnCode, returnReason, returnAction, reference];
    case 'posted-today':
      return [account, customer, amount, method, ...postedBy(ctx), reference];
  }
}
