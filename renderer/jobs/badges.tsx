import { Badge, type BadgeProps } from '@fluentui/react-components';
import { RUN_STATE_LABELS, type JobStatus, type Run, type RunState, type RunTrigger } from '../../shared/domain/jobs';

const STATE_COLOR: Record<RunState, BadgeProps['color']> = {
  running: 'brand',
  succeeded: 'success',
  failed: 'danger',
  partial: 'warning',
  'skipped-busy': 'informative',
  cancelled: 'subtle',
  interrupted: 'warning',
};

/** A run's result: Succeeded, Failed, Partly done... */
export function RunStateBadge({ state }: { state: RunState }) {
  return (
    <Badge appearance="filled" color={STATE_COLOR[state]} shape="rounded">
      {RUN_STATE_LABELS[state]}
    </Badge>
  );
}

export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  schedule: 'Scheduled',
  manual: 'By hand',
  'catch-up': 'Catch-up',
  retry: 'Retry',
};

/**
 * Scheduled / By hand / Catch-up / Retry (attempt 2), and Dry run when it is one. Lists leave
 * out "Scheduled" (most runs are), so the runs started otherwise stand out.
 */
export function RunKindBadges({ run, quiet = false }: { run: Run; quiet?: boolean }) {
  return (
    <>
      {!(quiet && run.trigger === 'schedule') && (
        <Badge appearance="outline" color="informative" shape="rounded">
          {run.trigger === 'retry' ? `Retry (attempt ${run.attempt})` : TRIGGER_LABELS[run.trigger]}
        </Badge>
      )}
      {run.dryRun && <DryRunBadge />}
    </>
  );
}

export function DryRunBadge() {
  return (
    <Badge appearance="tint" color="important" shape="rounded">
      Dry run
    </Badge>
  );
}

export type JobCondition = 'running' | 'paused' | 'unavailable' | 'idle';

/** What a job is doing now, in one word the card and tests can rely on. */
export function jobCondition(status: JobStatus): JobCondition {
  if (status.running) return 'running';
  if (status.pause) return 'paused';
  if (!status.available) return 'unavailable';
  return 'idle';
}

const CONDITION: Record<JobCondition, { label: string; color: BadgeProps['color'] }> = {
  running: { label: 'Running', color: 'brand' },
  paused: { label: 'Paused', color: 'warning' },
  unavailable: { label: 'Not available', color: 'subtle' },
  idle: { label: 'Idle', color: 'success' },
};

export function JobConditionBadge({ status }: { status: JobStatus }) {
  const c = CONDITION[jobCondition(status)];
  return (
    <Badge appearance="tint" color={c.color} shape="rounded" size="large">
      {c.label}
    </Badge>
  );
}
