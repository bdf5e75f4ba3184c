import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RUN_POLICY,
  DEFAULT_SCHEDULES,
  JOB_DESCRIPTIONS,
  type JobStatus,
  type Run,
} from '../../shared/domain/jobs';
import type { AppMode } from '../../shared/contract/mode';
import { useMode } from '../mode/mode.store';
import { JobCard, type JobCardProps } from './JobCard';

afterEach(() => {
  cleanup();
  useMode.setState({ state: null });
});

function setMode(mode: AppMode) {
  useMode.setState({ state: { mode, passphraseSet: true, lockedUntil: null } });
}

const NOW = Date.parse('2025-01-15T15:05:00Z');
const TZ = 'America/New_York';

function run(over: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    billerId: 'b1',
    job: 'balance',
    trigger: 'schedule',
    dryRun: false,
    attempt: 1,
    retryOf: null,
    startedAt: '2025-01-15T15:00:00.000Z',
    endedAt: '2025-01-15T15:00:02.300Z',
    durationMs: 2300,
    state: 'succeeded',
    counts: { read: 120, written: 12, skipped: 108, failed: 0 },
    summary: '12 balances sent',
    error: null,
    progress: { done: 120, total: 120, note: null },
    installationId: 'me',
    ...over,
  };
}

function status(over: Partial<JobStatus> = {}): JobStatus {
  return {
    job: 'balance',
    label: 'Balance',
    description: JOB_DESCRIPTIONS.balance,
    available: true,
    schedule: DEFAULT_SCHEDULES.balance,
    scheduleText: 'Every 15 minutes',
    isDefaultSchedule: true,
    pause: null,
    nextRunAt: '2025-01-15T15:15:00.000Z',
    retryAt: null,
    lastRun: run(),
    lastDryRun: null,
    running: null,
    failureStreak: 0,
    runPolicy: DEFAULT_RUN_POLICY,
    ...over,
  };
}

/** Renders a card and records which buttons called back with what. */
function renderCard(props: Partial<JobCardProps>) {
  const calls: string[] = [];
  const ui: ReactElement = (
    <FluentProvider theme={webLightTheme}>
      <JobCard
        status={status()}
        timeZone={TZ}
        isJobHost
        live={undefined}
        now={NOW}
        onRun={(dry) => calls.push(dry ? 'dry run' : 'run')}
        onCancel={(id) => calls.push(`cancel ${id}`)}
        onPause={() => calls.push('pause')}
        onResume={() => calls.push('resume')}
        onEditSchedule={() => calls.push('edit schedule')}
        onOpenRun={(id) => calls.push(`open ${id}`)}
        {...props}
      />
    </FluentProvider>
  );
  render(ui);
  return { calls, card: screen.getByRole('region', { name: 'Balance' }) };
}

describe('JobCard', () => {
  it('shows schedule, next run and the last run with its counts, in the biller’s time zone', () => {
    const { card, calls } = renderCard({});
    const text = card.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Every 15 minutes');
    expect(text).toMatch(/Next run ?Jan 15, 10:15 AM \(in 10 min\)/);
    expect(text).toMatch(/Succeeded ?Jan 15, 10:00 AM \(5 min ago\)/);
    expect(text).toContain('Took 2.3 s · Details');
    expect(text).toContain('read 120 · written 12 · skipped 108 · failed 0');
    expect(text).toContain('12 balances sent');
    expect(within(card).getByText('Idle')).toBeTruthy();
    expect(card.querySelector('time')!.getAttribute('title')).toMatch(/^Wed, Jan 15, 2025, 10:15:00\sAM EST$/);

    fireEvent.click(within(card).getByRole('button', { name: 'Run now' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Dry run' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Pause' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Edit schedule' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Details of the last Balance run' }));
    expect(calls).toEqual(['run', 'dry run', 'pause', 'edit schedule', 'open run-1']);
  });

  it('follows a running run through live progress events, and offers Cancel instead of Run now', () => {
    const running = run({
      id: 'run-2',
      state: 'running',
      endedAt: null,
      durationMs: null,
      summary: null,
      progress: { done: 0, total: null, note: null },
      counts: { read: 0, written: 0, skipped: 0, failed: 0 },
    });
    const { card, calls } = renderCard({
      status: status({ running }),
      live: {
        runId: 'run-2',
        billerId: 'b1',
        job: 'balance',
        done: 450,
        total: 1200,
        note: 'Page 3 of 8',
        counts: { read: 450, written: 40, skipped: 410, failed: 0 },
      },
    });
    expect(within(card).getByText('Running')).toBeTruthy();
    expect(within(card).getByText('450 of 1,200 · Page 3 of 8')).toBeTruthy();
    expect(within(card).getByText('read 450 · written 40 · skipped 410 · failed 0')).toBeTruthy();
    expect(within(card).getByRole('progressbar', { name: 'Balance progress' }).getAttribute('aria-valuenow')).toBe(
      '0.375',
    );
    expect((within(card).getByRole('button', { name: 'Run now' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual(['cancel run-2']);
  });

  it('says what went wrong and what to do, with the failure streak', () => {
    const failed = run({
      state: 'failed',
      summary: null,
      error: {
        code: 'IMPRESA_AUTH',
        message: 'InHANCE Impresa refused the username or password.',
        action: 'Check the InHANCE Impresa username and password in the biller settings.',
        details: null,
      },
    });
    const { card } = renderCard({
      status: status({ lastRun: failed, failureStreak: 3, retryAt: '2025-01-15T15:07:00.000Z' }),
    });
    expect(within(card).getByText('3 failures in a row')).toBeTruthy();
    expect(within(card).getByText('Last run failed')).toBeTruthy();
    expect(card.textContent).toContain(
      'InHANCE Impresa refused the username or password. What to do: Check the InHANCE Impresa username and password in the biller settings.',
    );
    expect(card.textContent).toMatch(/Retry ?Jan 15, 10:07 AM \(in 2 min\)/);
  });

  it('a dry run that succeeded after a failed run is shown apart, and does not hide the failure', () => {
    const failed = run({
      state: 'failed',
      summary: null,
      error: {
        code: 'IC_AUTH',
        message: 'InvoiceCloud refused the web service key.',
        action: 'Check the InvoiceCloud biller GUID and web service key in the biller settings.',
        details: null,
      },
    });
    const dry = run({
      id: 'run-dry',
      dryRun: true,
      trigger: 'manual',
      startedAt: '2025-01-15T15:03:00.000Z',
      summary: '12 balances would be sent',
    });
    const { card, calls } = renderCard({ status: status({ lastRun: failed, lastDryRun: dry, failureStreak: 2 }) });
    const text = card.textContent!.replace(/\s+/g, ' ');
    expect(within(card).getByText('Last run failed')).toBeTruthy();
    expect(within(card).getByText('2 failures in a row')).toBeTruthy();
    expect(text).toMatch(/Last run ?Failed ?Jan 15, 10:00 AM/);
    expect(text).toMatch(
      /Last dry run ?Succeeded ?Dry run ?Jan 15, 10:03 AM \(2 min ago\) ?12 balances would be sent · Details/,
    );
    fireEvent.click(within(card).getByRole('button', { name: 'Details of the last Balance dry run' }));
    expect(calls).toEqual(['open run-dry']);
  });

  it('on an installation that is not the job host, only a dry run can be started', () => {
    const { card, calls } = renderCard({ isJobHost: false, status: status({ nextRunAt: null }) });
    expect(card.textContent).toContain('Scheduled on the biller’s job host');
    const runNow = within(card).getByRole('button', { name: 'Run now' });
    expect(runNow.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(runNow);
    fireEvent.click(within(card).getByRole('button', { name: 'Dry run' }));
    expect(calls).toEqual(['dry run']);
  });

  it('a paused job resumes on its own; under pause-all it points to Resume all', () => {
    const at = '2025-01-15T14:00:00.000Z';
    const first = renderCard({
      status: status({ nextRunAt: null, pause: { scope: 'job', reason: 'InHANCE upgrade', by: 'Pat', at } }),
    });
    expect(first.card.textContent).toContain('Paused by Pat on Jan 15, 9:00 AM: InHANCE upgrade');
    expect(first.card.textContent).toContain('Not scheduled while paused');
    fireEvent.click(within(first.card).getByRole('button', { name: 'Resume' }));
    expect(first.calls).toEqual(['resume']);
    cleanup();

    const all = renderCard({
      status: status({ nextRunAt: null, pause: { scope: 'all', reason: 'Cut-over', by: 'Pat', at } }),
    });
    expect(all.card.textContent).toContain('Paused with all jobs (see above).');
    fireEvent.click(within(all.card).getByRole('button', { name: 'Resume' }));
    expect(all.calls).toEqual([]);
  });
});

describe('JobCard by mode', () => {
  const CONTROLS = ['Run now', 'Dry run', 'Pause', 'Resume', 'Cancel', 'Edit schedule'];
  const running = run({ id: 'run-3', state: 'running', endedAt: null, durationMs: null, summary: null });
  const paused = { scope: 'job' as const, reason: 'Upgrade', by: 'Pat', at: '2025-01-15T14:00:00.000Z' };

  function controlsOf(card: HTMLElement): string[] {
    return CONTROLS.filter((name) => within(card).queryByRole('button', { name }) !== null);
  }

  it('in clerk mode the card is read only: no run, dry run, pause, resume, cancel or schedule button', () => {
    setMode('clerk');
    for (const over of [{}, { running }, { pause: paused, nextRunAt: null }]) {
      const { card } = renderCard({ status: status(over) });
      expect(controlsOf(card)).toEqual([]);
      // What the card shows is still there, run details included.
      expect(card.textContent).toContain('Every 15 minutes');
      expect(within(card).getByRole('button', { name: 'Details of the last Balance run' })).toBeTruthy();
      cleanup();
    }
  });

  it('in PM mode the same cards offer their controls', () => {
    setMode('pm');
    expect(controlsOf(renderCard({}).card)).toEqual(['Run now', 'Dry run', 'Pause', 'Edit schedule']);
    cleanup();
    expect(controlsOf(renderCard({ status: status({ running }) }).card)).toEqual([
      'Run now',
      'Dry run',
      'Pause',
      'Cancel',
      'Edit schedule',
    ]);
    cleanup();
    expect(controlsOf(renderCard({ status: status({ pause: paused, nextRunAt: null }) }).card)).toEqual([
      'Run now',
      'Dry run',
      'Resume',
      'Edit schedule',
    ]);
  });
});
