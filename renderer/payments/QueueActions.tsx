import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  ArrowUndo20Regular,
  CheckmarkCircle20Regular,
  DismissCircle20Regular,
  PauseCircle20Regular,
  PersonArrowRight20Regular,
  SelectAllOn20Regular,
} from '@fluentui/react-icons';
import type { QueueTab } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import type { QueueAction } from './QueueTable';

/** Which actions each tab offers (the keys do nothing where the button is not shown). */
export const TAB_ACTIONS: Record<QueueTab, ReadonlyArray<QueueAction | 'reassign'>> = {
  ready: ['post', 'hold', 'reject'],
  exceptions: ['reassign', 'post', 'hold', 'reject'],
  held: ['post', 'undo', 'reject'],
  rejected: ['undo'],
  returns: [],
  'posted-today': [],
};

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  totals: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, marginLeft: 'auto' },
});

export interface Totals {
  count: number;
  cents: number;
}

export function QueueActions(props: {
  tab: QueueTab;
  selected: Totals;
  /** What an action would act on now: the selection, or the focused row. */
  targets: number;
  shown: Totals;
  ready: Totals | null;
  /** The focused or single selected row can be reassigned. */
  canReassign: boolean;
  busy: boolean;
  onAction: (action: QueueAction | 'reassign') => void;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const styles = useStyles();
  const actions = TAB_ACTIONS[props.tab];
  const disabled = props.busy || props.targets === 0;
  const n = props.targets > 0 ? ` ${props.targets}` : '';
  return (
    <div className={styles.bar}>
      {actions.includes('reassign') && (
        <Button
          icon={<PersonArrowRight20Regular />}
          disabled={props.busy || !props.canReassign}
          onClick={() => props.onAction('reassign')}
        >
          Reassign…
        </Button>
      )}
      {actions.includes('post') && (
        <Button
          appearance="primary"
          icon={<CheckmarkCircle20Regular />}
          disabled={disabled}
          onClick={() => props.onAction('post')}
          aria-keyshortcuts="Enter"
        >
          Post{n}
        </Button>
      )}
      {actions.includes('hold') && (
        <Button
          icon={<PauseCircle20Regular />}
          disabled={disabled}
          onClick={() => props.onAction('hold')}
          aria-keyshortcuts="H"
        >
          Hold{n}
        </Button>
      )}
      {actions.includes('undo') && (
        <Button
          icon={<ArrowUndo20Regular />}
          disabled={disabled}
          onClick={() => props.onAction('undo')}
          aria-keyshortcuts="U"
        >
          {props.tab === 'held' ? 'Undo hold' : 'Undo reject'}
          {n}
        </Button>
      )}
      {actions.includes('reject') && (
        <Button
          icon={<DismissCircle20Regular />}
          disabled={disabled}
          onClick={() => props.onAction('reject')}
          aria-keyshortcuts="R"
        >
          Reject{n}
        </Button>
      )}
      {actions.length > 0 && (
        <>
          <Button
            appearance="subtle"
            icon={<SelectAllOn20Regular />}
            disabled={props.shown.count === 0}
            onClick={props.onSelectAll}
          >
            Select all that match ({props.shown.count.toLocaleString('en-US')})
          </Button>
          {props.selected.count > 0 && (
            <Button appearance="subtle" onClick={props.onClear}>
              Clear selection
            </Button>
          )}
        </>
      )}
      <div className={styles.totals} aria-live="polite">
        {actions.length > 0 && (
          <Text>
            Selected:{' '}
            <strong data-testid="selected-total">
              {props.selected.count.toLocaleString('en-US')} · {formatCents(props.selected.cents)}
            </strong>
          </Text>
        )}
        <Text>
          Shown:{' '}
          <strong data-testid="shown-total">
            {props.shown.count.toLocaleString('en-US')} · {formatCents(props.shown.cents)}
          </strong>
        </Text>
        {props.ready && (
          <Text>
            Ready total:{' '}
            <strong data-testid="ready-total">
              {props.ready.count.toLocaleString('en-US')} · {formatCents(props.ready.cents)}
            </strong>
          </Text>
        )}
      </div>
    </div>
  );
}
