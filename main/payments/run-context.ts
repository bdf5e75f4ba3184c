import type { JobContext } from '../jobs/job-definition';

/**
 * What the Payments job's write half (intake, write path, returns, IC's day totals) needs from a
 * run: a part of the job engine's JobContext, which is passed through as it is (never copied). A
 * caller without a job run (a test) builds just these fields.
 */
export type RunContext = Pick<
  JobContext,
  'biller' | 'runId' | 'dryRun' | 'installationId' | 'signal' | 'log' | 'count' | 'reportForeignStamp' | 'anomaly'
>;
