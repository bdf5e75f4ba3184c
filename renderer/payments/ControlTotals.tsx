import { Badge, Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronUp16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ControlTotal } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { formatDay, formatInstant } from './format';

const useStyles = makeStyles({
  // Newest day first, side by side; older days scroll sideways rather than pushing the queue down.
  list: {
    listStyle: 'none',
    margin: 0,
    padding: `0 0 ${tokens.spacingVerticalXXS}`,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    overflowX: 'auto',
    minWidth: 0,
    flex: 1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  day: {
    flex: '0 0 auto',
    minWidth: '220px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  off: { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
  top: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  parts: { color: tokens.colorNeutralForeground2 },
  strip: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', minWidth: 0 },
});

/**
 * The control totals as one line (the newest deposit day's verdict, and how many days are off),
 * opening to the card of every day. One line keeps the queue's rows on a workstation screen.
 */
export function ControlStrip(props: { days: ControlTotal[]; timeZone: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const newest = props.days[0];
  const off = props.days.filter((d) => controlVerdict(d).tone === 'danger').length;
  return (
    <div className={styles.strip}>
      <div className={styles.line}>
        <Text
          as="h3"
          weight="semibold"
          size={200}
          title="InvoiceCloud's total for each deposit day against posted + pending + exceptions in InHANCE"
        >
          Control totals
        </Text>
        {newest ? (
          <>
            <Text size={200}>
              {formatDay(newest.depositDate)}: IC{' '}
              {newest.icCents === null ? 'not known yet' : formatCents(newest.icCents)} · InHANCE{' '}
              {formatCents(newest.accountedCents)}
            </Text>
            <Badge appearance="tint" color={controlVerdict(newest).tone} title={newest.message}>
              {controlVerdict(newest).text}
            </Badge>
            <Text size={200}>
              {props.days.length === 1 ? '1 deposit day' : `${props.days.length} deposit days`}
              {off > 0 ? ` · ${off} off` : props.days.length > 1 ? ' · all others agree or wait for IC' : ''}
            </Text>
          </>
        ) : (
          <Text size={200}>No deposit days yet. They appear once the Payments job has downloaded payments.</Text>
        )}
        {props.days.length > 0 && (
          <Button
            size="small"
            appearance="subtle"
            aria-expanded={open}
            icon={open ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide the days' : 'Every day'}
          </Button>
        )}
      </div>
      {open && <ControlTotals days={props.days} timeZone={props.timeZone} />}
    </div>
  );
}

/** "Off by $12.34" or "Balanced"; the figure is IC's total minus what InHANCE accounts for. */
export function controlVerdict(day: ControlTotal): { tone: 'success' | 'danger' | 'informative'; text: string } {
  if (day.balanced === true) return { tone: 'success', text: 'Balanced' };
  if (day.balanced === false && day.differenceCents !== null)
    return { tone: 'danger', text: `Off by ${formatCents(Math.abs(day.differenceCents))}` };
  return { tone: 'informative', text: 'No IC total yet' };
}

/** For each deposit day: IC's total against posted + pending + exceptions, and whether they agree. */
export function ControlTotals(props: { days: ControlTotal[]; timeZone: string }) {
  const styles = useStyles();
  if (props.days.length === 0)
    return <Text size={200}>No deposit days yet. They appear once the Payments job has downloaded payments.</Text>;
  return (
    // Focusable so the days that scroll out of sight can be reached with the keyboard's arrows.
    <ul className={styles.list} aria-label="Control totals by deposit day" tabIndex={0}>
      {props.days.map((d) => {
        const verdict = controlVerdict(d);
        return (
          <li
            key={d.depositDate}
            className={mergeClasses(styles.day, verdict.tone === 'danger' && styles.off)}
            aria-label={`${formatDay(d.depositDate)}: ${d.message}`}
          >
            <div className={styles.top}>
              <Text weight="semibold">{formatDay(d.depositDate)}</Text>
              <Badge appearance="tint" color={verdict.tone} title={d.message}>
                {verdict.text}
              </Badge>
            </div>
            <Text block size={200}>
              IC {d.icCents === null ? 'not known yet' : formatCents(d.icCents)} · InHANCE{' '}
              {formatCents(d.accountedCents)}
            </Text>
            <Text block size={200} className={styles.parts}>
              posted {formatCents(d.postedCents)} · pending {formatCents(d.pendingCents + d.heldCents)} · exceptions{' '}
              {formatCents(d.exceptionCents)}
              {d.rejectedCents ? ` · rejected ${formatCents(d.rejectedCents)}` : ''}
              {d.notWrittenCents ? ` · not yet in InHANCE ${formatCents(d.notWrittenCents)}` : ''}
            </Text>
            {d.icTotalAt ? (
              // Not the job host: IC's side is what the job host last set on InHANCE's batch.
              <Text block size={100} className={styles.parts}>
                IC total as of {formatInstant(d.icTotalAt, props.timeZone)}
              </Text>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
