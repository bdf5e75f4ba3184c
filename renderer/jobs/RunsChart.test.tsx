import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatsPoint } from '../../shared/contract/jobs';
import { useTheme } from '../app/theme.store';
import { JOB_COLORS_DARK, RunsChart } from './RunsChart';

afterEach(() => {
  cleanup();
  useTheme.getState().setPreference('light');
});

const points: StatsPoint[] = [
  {
    runId: 'a',
    job: 'balance',
    state: 'succeeded',
    startedAt: '2025-01-14T15:00:00.000Z',
    durationMs: 1200,
    records: 340,
    counts: { read: 340, written: 12, skipped: 328, failed: 0 },
  },
  {
    runId: 'b',
    job: 'balance',
    state: 'failed',
    startedAt: '2025-01-14T15:15:00.000Z',
    durationMs: 800,
    records: 0,
    counts: { read: 0, written: 0, skipped: 0, failed: 0 },
  },
  {
    runId: 'c',
    job: 'balance-all',
    state: 'succeeded',
    startedAt: '2025-01-12T08:00:00.000Z',
    durationMs: 95_000,
    records: 25_000,
    counts: { read: 25_000, written: 25, skipped: 0, failed: 0 },
  },
];

function show(dark = false) {
  render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <RunsChart
        from="2025-01-08T15:30:00.000Z"
        to="2025-01-15T15:30:00.000Z"
        points={points}
        timeZone="America/New_York"
      />
    </FluentProvider>,
  );
}

describe('RunsChart', () => {
  it("draws in the dark theme's colours when the app is dark: lighter job hues, the hollow dot filled with the dark surface", () => {
    useTheme.getState().setPreference('dark');
    show(true);
    const duration = screen.getAllByRole('img')[0]!;
    expect([...duration.querySelectorAll('circle')].map((c) => c.getAttribute('fill'))).toEqual([
      JOB_COLORS_DARK.balance,
      '#292929',
      JOB_COLORS_DARK['balance-all'],
    ]);
    expect(duration.querySelector('text')!.getAttribute('fill')).toBe('#d6d6d6');
  });

  it('draws duration and records per run as images with a text alternative', () => {
    show();
    const images = screen.getAllByRole('img');
    expect(images).toHaveLength(2);
    const [duration, records] = images as unknown as [SVGElement, SVGElement];
    const text = (svg: SVGElement, attribute: string) =>
      document.getElementById(svg.getAttribute(attribute)!)!.textContent;
    expect(text(duration, 'aria-labelledby')).toBe('Duration per run (seconds)');
    expect(text(duration, 'aria-describedby')).toBe(
      'Balance: 2 runs (1 failed), typically 1.0 s, longest 1.2 s, 340 records. Balance All: 1 run, typically 1 min 35 s, longest 1 min 35 s, 25,000 records.',
    );
    expect(text(records, 'aria-labelledby')).toBe('Records per run');
    // One dot per run; a failed run is hollow.
    expect(duration.querySelectorAll('circle')).toHaveLength(3);
    expect([...duration.querySelectorAll('circle')].map((c) => c.getAttribute('fill'))).toEqual([
      '#038387',
      '#ffffff',
      '#8764B8',
    ]);
    expect(duration.querySelector('circle title')!.textContent).toMatch(
      /^Balance, Jan 14, 10:00\sAM: Succeeded, 1.2 s, 340 records$/,
    );
  });

  it('shows the same figures as a table, per day and job, and narrows to one job', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Show as table' }));
    const rows = screen
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('td,th')].map((c) => c.textContent).join(' | '));
    expect(rows).toEqual([
      'Day | Job | Runs | Failed | Typical duration | Longest | Records',
      'Jan 12 | Balance All | 1 | 0 | 1 min 35 s | 1 min 35 s | 25,000',
      'Jan 14 | Balance | 2 | 1 | 1.0 s | 1.2 s | 340',
    ]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Jobs shown' }), { target: { value: 'balance-all' } });
    expect(screen.getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByRole('combobox', { name: 'Jobs shown' }), { target: { value: 'payments' } });
    expect(screen.getByText('No finished runs of Payments in the last 7 days.')).toBeTruthy();
  });

  it("names today on a Chicago biller's axis in the morning, when today's name would not fit after its midnight line", () => {
    const morning: StatsPoint[] = [{ ...points[0]!, startedAt: '2026-12-07T12:30:00.000Z' }];
    render(
      <FluentProvider theme={webLightTheme}>
        <RunsChart
          from="2026-11-30T13:00:00.000Z"
          to="2026-12-07T13:00:00.000Z"
          points={morning}
          timeZone="America/Chicago"
        />
      </FluentProvider>,
    );
    const axisDays = [...screen.getAllByRole('img')[0]!.querySelectorAll('text')]
      .map((t) => t.textContent)
      .filter((t) => /^[A-Z][a-z]{2} \d+$/.test(t ?? ''));
    expect(axisDays).toEqual(['Nov 30', 'Dec 1', 'Dec 2', 'Dec 3', 'Dec 4', 'Dec 5', 'Dec 6', 'Dec 7']);
  });
});
