import { Button, makeStyles, mergeClasses, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { formatCents } from '../../shared/domain/money';
import { ACTION_VERBS, type Operation, type OperationItem } from './operation';

const SHOWN = 200;

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: { listStyle: 'none', margin: 0, padding: 0, maxHeight: '88px', overflowY: 'auto' },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', padding: `2px 0` },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteMarigoldForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  dismiss: { marginLeft: 'auto' },
});

function Icon({ item }: { item: OperationItem }) {
  const styles = useStyles();
  if (item.ok) return <CheckmarkCircle16Filled aria-hidden className={styles.ok} />;
  if (item.outcome === 'already-posted') return <Warning16Filled aria-hidden className={styles.warn} />;
  return <DismissCircle16Filled aria-hidden className={styles.bad} />;
}

/**
 * Progress of a bulk action and what happened to each entry: posted, already posted by another
 * clerk (who and when), or failed (why). Problems are listed first; they are what needs a look.
 */
export function OperationPanel(props: {
  operation: Operation;
  describe: (entryId: string) => string;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const op = props.operation;
  const verbs = ACTION_VERBS[op.action];
  const items = [...op.items].sort((a, b) => Number(a.ok) - Number(b.ok));
  const problems = op.items.filter((i) => !i.ok).length;
  const headline = !op.finished
    ? `${verbs.running} ${op.done} of ${op.total}…`
    : op.error
      ? `Stopped after ${op.done} of ${op.total}: ${op.error}`
      : op.summary
        ? `${verbs.done} ${op.summary.done} of ${op.total}${op.summary.doneCents ? ` · ${formatCents(op.summary.doneCents)}` : ''}${op.summary.alreadyPosted ? ` · ${op.summary.alreadyPosted} already posted by someone else` : ''}${op.summary.failed ? ` · ${op.summary.failed} failed` : ''}`
        : `${verbs.done}.`;
  return (
    <section className={styles.panel} aria-label="Results of the last action">
      <div className={styles.head}>
        <Text weight="semibold" role="status" aria-live="polite">
          {headline}
        </Text>
        {op.finished && (
          <Button size="small" className={styles.dismiss} onClick={props.onDismiss}>
            Dismiss
          </Button>
        )}
      </div>
      <ProgressBar
        value={op.total === 0 ? 1 : op.done / op.total}
        color={op.finished && (op.error || problems > 0) ? 'warning' : op.finished ? 'success' : 'brand'}
        aria-label={`${verbs.running}: ${op.done} of ${op.total} done`}
      />
      {items.length > 0 && (
        <ul className={styles.list} aria-label="Per-entry results">
          {items.slice(0, SHOWN).map((item, i) => (
            <li key={`${item.entryId}-${i}`} className={mergeClasses(styles.item)}>
              <Icon item={item} />
              <Text size={200} weight="semibold">
                {props.describe(item.entryId)}
              </Text>
              <Text size={200}>{item.message}</Text>
            </li>
          ))}
          {items.length > SHOWN && (
            <li>
              <Text size={200}>…and {items.length - SHOWN} more (the audit log has every one).</Text>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
