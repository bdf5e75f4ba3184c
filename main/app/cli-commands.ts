import type { Command } from '../cli/command';
import { appCommands } from './app.commands';
import { billerCommands } from '../billers/billers.commands';
import { callsCommands } from '../calls/calls.commands';
import { icCommands } from '../clients/invoicecloud/ic.commands';
import { icOpsCommands } from '../ic-ops/ic-ops.commands';
import { retentionCommands } from '../retention/retention.commands';
import { jobsCommands } from '../jobs/jobs.commands';
import { mappingCommands } from '../mapping/mapping.commands';
import { paymentsCommands } from '../payments/payments.commands';
import { conversionCommands } from '../conversion/conversion.commands';

/**
 * The CLI's command registry: every command, by domain (each domain keeps its commands next to its
 * code, in `*.commands.ts`). It names every domain, so it sits with the composition root.
 */
export const commands: Command[] = [
  ...appCommands,
  ...billerCommands,
  ...icCommands,
  ...icOpsCommands,
  ...jobsCommands,
  ...mappingCommands,
  ...paymentsCommands,
  ...conversionCommands,
  ...callsCommands,
  ...retentionCommands,
];
