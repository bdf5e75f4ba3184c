import { makeStyles, Text, ToggleButton, tokens, useId } from '@fluentui/react-components';
import { ChartMultiple20Regular, Table20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { StatsPoint } from '../../shared/contract/jobs';
import { JOB_KINDS, JOB_LABELS, RUN_STATE_LABELS, type JobKind } from '../../shared/domain/jobs';
import { useTheme } from '../app/theme.store';
import { EnumSelect } from '../components/EnumSelect';
import { PagedTable, type PagedColumn } from '../components/PagedTable';
import {
  axis,
  dayLabels,
  dayStarts,
  describeStats,
  formatDayKey,
  scale,
  summarizeByDay,
  type DayRow,
} from './chart-data';
import { formatDateTime, formatDuration, formatNumber } from './format';

/** One colour per job, each at least 3:1 against white (WCAG non-text contrast). */
export const JOB_COLORS: Record<JobKind, string> = {
  'invoice-file': '#0F6CBD',
  balance: '#038387',
  'balance-all': '#8764B8',
  customer: '#CA5010',
  'auto-pay': '#C239B3',
  payments: '#107C10',
};

/** The same hues for Fluent's dark theme, each at least 3:1 against its dark surfaces. */
export const JOB_COLORS_DARK: Record<JobKind, string> = {
  'invoice-file': '#479EF5',
  balance: '#4BC3C8',
  'balance-all': '#B696E5',
  customer: '#F7894A',
  'auto-pay': '#E27BD6',
  payments: '#54B054',
};

/** Grid lines, labels and the inside of a failed run's hollow dot, per theme. */
const CHART_INK = {
  light: { grid: '#e0e0e0', dayLine: '#e6e6e6', text: '#424242', hollow: '#ffffff', colors: JOB_COLORS },
  dark: { grid: '#3d3d3d', dayLine: '#383838', text: '#d6d6d6', hollow: '#292929', colors: JOB_COLORS_DARK },
};

const useInk = () => CHART_INK[useTheme((s) => s.theme)];

const W = 960;
const H = 190;
const M = { top: 14, right: 16, bottom: 26, left: 64 };

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalS,
  },
  toggle: { marginLeft: 'auto' },
  panel: { margin: `0 0 ${tokens.spacingVerticalS}` },
  svg: { width: '100%', height: 'auto', display: 'block' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  key: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '12px', height: '12px', borderRadius: '50%', display: 'inline-block' },
  hollow: {
    width: '8px',
    height: '8px',
    borderRadius: '50%',
    display: 'inline-block',
    border: `2px solid ${tokens.colorNeutralForeground2}`,
  },
});

interface PanelProps {
  title: string;
  points: StatsPoint[];
  from: number;
  to: number;
  timeZone: string;
  value(p: StatsPoint): number;
  label(v: number): string;
  /** Whole-number values (records): ticks stay whole. */
  integer?: boolean;
}

function Panel({ title, points, from, to, timeZone, value, label, integer }: PanelProps) {
  const styles = useStyles();
  const ink = useInk();
  const titleId = useId('chart-title');
  const descId = useId('chart-desc');
  const { top, ticks } = axis(Math.max(0, ...points.map(value)), integer);
  const x = scale(from, to, M.left, W - M.right);
  const y = scale(0, top, H - M.bottom, M.top);
  const days = dayStarts(from, to, timeZone);
  const labels = dayLabels(from, to, timeZone, x, W - M.right);
  return (
    <figure className={styles.panel}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{describeStats(points)}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={ink.grid} />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={ink.text}>
              {label(t)}
            </text>
          </g>
        ))}
        {days.map((d) => (
          <line key={d} x1={x(d)} x2={x(d)} y1={M.top} y2={H - M.bottom} stroke={ink.dayLine} />
        ))}
        {/* Each day's name starts at its midnight line; today's, if it has barely begun, sits at the right edge. */}
        {labels.map((l) => (
          <text key={l.day} x={l.x} y={H - 8} fontSize="11" fill={ink.text} textAnchor={l.anchor}>
            {l.text}
          </text>
        ))}
        <text x={M.left} y={M.top - 3} fontSize="11" fill={ink.text}>
          {title}
        </text>
        {points.map((p) => {
          const failed = p.state === 'failed';
          const color = ink.colors[p.job];
          return (
            <circle
              key={p.runId}
              cx={x(Date.parse(p.startedAt))}
              cy={y(value(p))}
              r={3.5}
              fill={failed ? ink.hollow : color}
              stroke={color}
              strokeWidth={failed ? 2 : 1}
            >
              <title>
                {`${JOB_LABELS[p.job]}, ${formatDateTime(p.startedAt, timeZone)}: ${RUN_STATE_LABELS[p.state]}, ${formatDuration(p.durationMs)}, ${formatNumber(p.records)} records`}
              </title>
            </circle>
          );
        })}
      </svg>
    </figure>
  );
}

/** The chart as a table: one row per day and job. */
const DAY_COLUMNS: ReadonlyArray<PagedColumn<DayRow>> = [
  { id: 'day', header: 'Day', cell: (r) => formatDayKey(r.day) },
  { id: 'job', header: 'Job', cell: (r) => JOB_LABELS[r.job] },
  { id: 'runs', header: 'Runs', numeric: true, cell: (r) => formatNumber(r.runs) },
  { id: 'failed', header: 'Failed', numeric: true, cell: (r) => formatNumber(r.failed) },
  { id: 'typical', header: 'Typical duration', numeric: true, cell: (r) => formatDuration(r.medianMs) },
  { id: 'longest', header: 'Longest', numeric: true, cell: (r) => formatDuration(r.maxMs) },
  { id: 'records', header: 'Records', numeric: true, cell: (r) => formatNumber(r.records) },
];

export interface RunsChartProps {
  from: string;
  to: string;
  points: StatsPoint[];
  timeZone: string;
}

/** The last 7 days at a glance: how long each run took and how many records it went through, per job. */
export function RunsChart({ from, to, points, timeZone }: RunsChartProps) {
  const styles = useStyles();
  const ink = useInk();
  const [job, setJob] = useState<JobKind | ''>('');
  const [asTable, setAsTable] = useState(false);
  const shown = job ? points.filter((p) => p.job === job) : points;
  const t0 = Date.parse(from);
  const t1 = Date.parse(to);
  const jobsPresent = JOB_KINDS.filter((k) => shown.some((p) => p.job === k));

  if (points.length === 0)
    return <Text>No finished runs in the last 7 days. Each run shows here with its duration and records.</Text>;

  return (
    <>
      <div className={styles.bar}>
        <EnumSelect
          label="Jobs shown"
          value={job}
          values={JOB_KINDS}
          labels={JOB_LABELS}
          anyLabel="All jobs"
          onChange={setJob}
        />
        <ToggleButton
          className={styles.toggle}
          checked={asTable}
          icon={asTable ? <ChartMultiple20Regular /> : <Table20Regular />}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </ToggleButton>
      </div>
      {shown.length === 0 ? (
        <Text>No finished runs{job ? ` of ${JOB_LABELS[job]}` : ''} in the last 7 days.</Text>
      ) : asTable ? (
        <PagedTable
          label="Runs per day and job, last 7 days"
          scroll={{ kind: 'region', label: 'Runs per day and job', maxHeight: '420px' }}
          columns={DAY_COLUMNS}
          rows={summarizeByDay(shown, timeZone)}
          rowKey={(r) => `${r.day}-${r.job}`}
        />
      ) : (
        <>
          <Panel
            title="Duration per run (seconds)"
            points={shown}
            from={t0}
            to={t1}
            timeZone={timeZone}
            value={(p) => p.durationMs / 1000}
            label={(v) => `${formatNumber(v)} s`}
          />
          <Panel
            title="Records per run"
            points={shown}
            from={t0}
            to={t1}
            timeZone={timeZone}
            value={(p) => p.records}
            label={(v) => formatNumber(v)}
            integer
          />
          <ul className={styles.legend} aria-label="Legend">
            {jobsPresent.map((k) => (
              <li key={k} className={styles.key}>
                <span className={styles.swatch} style={{ backgroundColor: ink.colors[k] }} aria-hidden />
                {JOB_LABELS[k]}
              </li>
            ))}
            <li className={styles.key}>
              <span className={styles.hollow} aria-hidden />
              Hollow dot: failed run
            </li>
          </ul>
        </>
      )}
    </>
  );
}
