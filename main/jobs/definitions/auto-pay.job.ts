import type { ImpresaBankInfo } from '../../clients/impresa';
import type { IcAutoPayChange } from '../../clients/invoicecloud/types';
import type { JobContext, JobDefinition, JobOutcome } from '../job-definition';
import { findAccount, walkFeed, writeOne, type Outcome } from './change-feed';
import { clientsFor, plural, type JobDeps } from './run-support';

export const AUTOPAY_REJECTED_REPORT = 'rejected-changes';

/**
 * The bank InHANCE is given for an account on autopay. IC holds the real bank data; InHANCE only
 * needs to know the account pays by autopay (docs/jobs.md, Auto Pay), and must never hold a real account.
 */
export const DUMMY_BANK: ImpresaBankInfo = {
  bankName: 'INVOICECLOUD AUTOPAY',
  routingNumber: '000000000',
  accountLast4: '0000',
};

/**
 * Auto Pay (hourly): IC's autopay enrollments and cancellations set or clear InHANCE's autopay
 * with the dummy bank. The last change of an account in a page wins; an account already in that
 * state is left alone, so a repeat writes nothing. Cursor: IC's change sequence.
 */
export class AutoPayJob implements JobDefinition {
  readonly kind = 'auto-pay' as const;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: { pageSize: number; concurrency: number } = { pageSize: 200, concurrency: 8 },
  ) {}

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    const report = ctx.report(AUTOPAY_REJECTED_REPORT, ['accountNumber', 'sequence', 'change', 'reason']);
    let enrolled = 0;
    let cleared = 0;
    const totals = await walkFeed<IcAutoPayChange>(ctx, {
      cursor: 'changes',
      pageSize: this.options.pageSize,
      concurrency: this.options.concurrency,
      load: (after, max) => ic.downloadAutoPayChanges({ afterSequence: after, maxRecords: max }),
      report,
      describe: (changes) => (changes.at(-1)!.autoPay ? 'enrolled in autopay' : 'left autopay'),
      handle: async (accountNumber, changes): Promise<Outcome> => {
        const want = changes.at(-1)!.autoPay;
        const account = await findAccount(impresa, accountNumber);
        if (!account)
          return { kind: 'failed', reason: `Account ${accountNumber} is in InvoiceCloud but not in InHANCE.` };
        if (account.autopay.enrolled === want) return { kind: 'skipped', note: 'already so in InHANCE' };
        if (ctx.dryRun) {
          ctx.log('info', `Would ${want ? 'set' : 'clear'} autopay on ${accountNumber} in InHANCE.`);
        } else {
          const refused = await writeOne(() =>
            want ? impresa.setAutopay(accountNumber, DUMMY_BANK) : impresa.clearAutopay(accountNumber),
          );
          if (refused) return refused;
        }
        if (want) enrolled++;
        else cleared++;
        return { kind: 'written' };
      },
    });
    const would = ctx.dryRun ? 'would be ' : '';
    const parts = [
      `${plural(totals.records, 'autopay change')} read`,
      `${enrolled} ${would}set and ${cleared} ${would}cleared in InHANCE`,
      `${totals.skipped} already so`,
    ];
    if (totals.failed) parts.push(`${totals.failed} rejected (see the rejected changes)`);
    return { summary: parts.join(', ') };
  }
}
