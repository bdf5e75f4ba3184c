import { centsToDecimal } from '../../../shared/domain/money';
import type { ImpresaAccount } from '../../clients/impresa';
import { IC_MAX_BALANCES_PER_CALL } from '../../clients/invoicecloud/client';
import type { JobContext, JobDefinition, JobOutcome } from '../job-definition';
import { clientsFor, guard, numericCursor, plural, sample, throwIfCancelled, type JobDeps } from './run-support';

export const NOT_IN_IC_REPORT = 'not-in-invoicecloud';

/**
 * Balance (every 15 minutes): accounts whose InHANCE version moved since the cursor, their
 * balances set in IC (absolute values, so a repeat is harmless), a page per call. The cursor is
 * InHANCE's account version and moves only once IC accepted the page. The first run has no
 * cursor and sends every balance once. Accounts IC does not know are listed, not failed: IC learns
 * an account from its first invoice.
 */
export class BalanceJob implements JobDefinition {
  readonly kind = 'balance' as const;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: { pageSize: number } = { pageSize: IC_MAX_BALANCES_PER_CALL },
  ) {}

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    let cursor = numericCursor(ctx, 'accounts');
    if (cursor === 0) ctx.log('info', 'No balance has been sent yet: every account’s balance is sent once.');
    const report = ctx.report(NOT_IN_IC_REPORT, ['accountNumber', 'balanceCents', 'reason']);
    let sent = 0;
    // The accounts those balances were for: an account that changes again while the run pages
    // through InHANCE comes back on a later page and is sent twice, so balances can outnumber accounts.
    const accountsSent = new Set<string>();
    let unknown = 0;
    let done = 0;
    for (;;) {
      throwIfCancelled(ctx);
      const page = await guard(() => impresa.listAccountsChangedSince({ cursor, limit: this.options.pageSize }));
      const accounts = latestPerAccount(page.items);
      ctx.count('read', accounts.length);
      if (accounts.length > 0) {
        const balances = accounts.map((a) => ({ accountNumber: a.accountNumber, balanceDueCents: a.balanceCents }));
        if (ctx.dryRun) {
          ctx.count('written', balances.length);
          sent += balances.length;
          for (const b of balances) accountsSent.add(b.accountNumber);
          ctx.log(
            'info',
            `Would set ${plural(balances.length, 'balance')} in InvoiceCloud, e.g. ${sample(
              balances.map((b) => `${b.accountNumber} = ${centsToDecimal(b.balanceDueCents)}`),
              3,
            )}.`,
          );
        } else {
          const result = await guard(() => ic.updateAccountBalances(balances));
          // IC's own counts must be possible: never more than sent, never negative. Otherwise the
          // page is not counted as sent, and the run says so.
          if (
            !Number.isInteger(result.recordsUpdated) ||
            result.recordsUpdated < 0 ||
            result.recordsUpdated > balances.length ||
            result.recordsReceived !== balances.length
          ) {
            ctx.anomaly(
              'records-updated',
              `UpdateAccountBalances (${plural(balances.length, 'balance')} sent)`,
              `InvoiceCloud answered RecordsReceived=${result.recordsReceived}, RecordsUpdated=${result.recordsUpdated}; these balances are not counted as sent.`,
            );
          } else {
            ctx.count('written', result.recordsUpdated);
            sent += result.recordsUpdated;
            const refused = new Set(result.unknownAccounts);
            for (const b of balances) if (!refused.has(b.accountNumber)) accountsSent.add(b.accountNumber);
          }
          if (result.unknownAccounts.length > 0) {
            const unknownSet = new Set(result.unknownAccounts);
            report.append(
              balances
                .filter((b) => unknownSet.has(b.accountNumber))
                .map((b) => ({
                  accountNumber: b.accountNumber,
                  balanceCents: b.balanceDueCents,
                  reason: 'InvoiceCloud has no such account yet (it learns an account from its first invoice).',
                })),
            );
            ctx.count('skipped', unknownSet.size);
            unknown += unknownSet.size;
            ctx.log(
              'info',
              `InvoiceCloud does not know ${plural(unknownSet.size, 'account')}: ${sample([...unknownSet])}.`,
            );
          }
        }
      }
      if (page.nextCursor > cursor) {
        ctx.cursor.commit('accounts', String(page.nextCursor));
        cursor = page.nextCursor;
      }
      done += accounts.length;
      ctx.progress(done, null, `Accounts through version ${cursor}`);
      if (!page.hasMore || page.items.length === 0) break;
    }
    const again = sent - accountsSent.size;
    const parts = [
      `${plural(sent, 'balance')} ${ctx.dryRun ? 'would be sent' : 'sent'} to InvoiceCloud${
        again > 0
          ? ` for ${plural(accountsSent.size, 'account')} (${plural(again, 'account')} changed again during the run and ${again === 1 ? 'was' : 'were'} sent again)`
          : ''
      }`,
    ];
    if (unknown) parts.push(`${plural(unknown, 'account')} not in InvoiceCloud yet`);
    return { summary: parts.join('; ') };
  }
}

/** One entry per account (the highest version): a repeated record in a page is sent once. */
function latestPerAccount(items: ImpresaAccount[]): ImpresaAccount[] {
  const byNumber = new Map<string, ImpresaAccount>();
  for (const a of items) {
    const prior = byNumber.get(a.accountNumber);
    if (!prior || a.version > prior.version) byNumber.set(a.accountNumber, a);
  }
  return [...byNumber.values()];
}
