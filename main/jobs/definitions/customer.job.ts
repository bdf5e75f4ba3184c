import { accountFieldsByTarget } from '../../mapping/apply';
import type { IcCustomerChange } from '../../clients/invoicecloud/types';
import type { JobContext, JobDefinition, JobOutcome } from '../job-definition';
import { findAccount, walkFeed, writeOne, type Outcome } from './change-feed';
import { clientsFor, plural, type JobDeps } from './run-support';

export const REJECTED_CHANGES_REPORT = 'rejected-changes';
const REPORT_COLUMNS = ['accountNumber', 'sequence', 'change', 'reason'];

/** IC's changed-field names and the CRM key each one is in the mapping. */
const IC_TARGETS: Record<string, { target: string; label: string }> = {
  EmailAddress: { target: 'customers-emailaddress', label: 'Email Address' },
  Phone: { target: 'customers-phone', label: 'Phone' },
};

/** The contact fields InHANCE's contact update writes (the Impresa contract). */
type ContactField = 'email' | 'phone';
const WRITABLE = new Set<string>(['email', 'phone']);

type ContactPatch = { email?: string; phone?: string; paperless?: boolean };

/**
 * Customer (hourly): IC customer changes (paperless, email, phone) written to InHANCE's contact
 * fields. Which InHANCE field an IC field goes to is the active CRM mapping's correspondence read
 * backwards (customers-phone ← account.phone means IC's phone goes to account.phone); a field the
 * mapping leaves unmapped is not written. Paperless has no CRM key and always goes to paperless.
 * Each account is read first and only what differs is written, so a repeat writes nothing.
 * Cursor: IC's change sequence.
 */
export class CustomerJob implements JobDefinition {
  readonly kind = 'customer' as const;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: { pageSize: number; concurrency: number } = { pageSize: 200, concurrency: 8 },
  ) {}

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    const mapping = this.deps.mapping.activeForJob(ctx.biller.id, { sections: ['customer'] });
    const fields = accountFieldsByTarget(mapping.rows);
    const routes = Object.values(IC_TARGETS).map(
      (t) => `${t.label} → ${fields.has(t.target) ? `account.${fields.get(t.target)}` : 'not written (unmapped)'}`,
    );
    ctx.log(
      'info',
      `CRM field mapping version ${mapping.version}: ${routes.join(', ')}, Paperless → account.paperless.`,
    );
    ctx.attach('mapping', {
      version: mapping.version,
      fields: Object.fromEntries(Object.values(IC_TARGETS).map((t) => [t.target, fields.get(t.target) ?? null])),
    });
    const report = ctx.report(REJECTED_CHANGES_REPORT, REPORT_COLUMNS);

    const totals = await walkFeed<IcCustomerChange>(ctx, {
      cursor: 'changes',
      pageSize: this.options.pageSize,
      concurrency: this.options.concurrency,
      load: (after, max) => ic.downloadCustomerChanges({ afterSequence: after, maxRecords: max }),
      report,
      describe: (changes) => [...new Set(changes.flatMap((c) => c.changedFields))].join(', '),
      handle: async (accountNumber, changes): Promise<Outcome> => {
        const { patch, problems, unmapped } = desiredContact(changes, fields);
        if (Object.keys(patch).length === 0) {
          if (problems.length) return { kind: 'failed', reason: problems.join(' ') };
          return { kind: 'skipped', note: unmapped.length ? `${unmapped.join(', ')} not mapped` : 'nothing to write' };
        }
        const account = await findAccount(impresa, accountNumber);
        if (!account)
          return { kind: 'failed', reason: `Account ${accountNumber} is in InvoiceCloud but not in InHANCE.` };
        const changed: ContactPatch = {};
        if (patch.email !== undefined && patch.email !== account.email) changed.email = patch.email;
        if (patch.phone !== undefined && patch.phone !== account.phone) changed.phone = patch.phone;
        if (patch.paperless !== undefined && patch.paperless !== account.paperless) changed.paperless = patch.paperless;
        if (Object.keys(changed).length === 0)
          return problems.length
            ? { kind: 'failed', reason: problems.join(' ') }
            : { kind: 'skipped', note: 'already up to date' };
        if (ctx.dryRun) {
          ctx.log('info', `Would update ${accountNumber} in InHANCE: ${describePatch(changed)}.`);
        } else {
          const refused = await writeOne(() => impresa.updateContact(accountNumber, changed));
          if (refused) return refused;
        }
        return problems.length
          ? { kind: 'failed', reason: `${problems.join(' ')} (the other fields were written)` }
          : { kind: 'written' };
      },
    });
    const parts = [
      `${plural(totals.records, 'customer change')} read`,
      `${totals.written} ${ctx.dryRun ? 'would be written' : 'written'} to InHANCE`,
      `${totals.skipped} with nothing to write`,
    ];
    if (totals.failed) parts.push(`${totals.failed} rejected (see the rejected changes)`);
    parts.push(`mapping version ${mapping.version}`);
    return { summary: parts.join(', ') };
  }
}

/** What one account's changes ask InHANCE to hold, by the mapping's correspondence. */
export function desiredContact(
  changes: IcCustomerChange[],
  fields: ReadonlyMap<string, string>,
): { patch: ContactPatch; problems: string[]; unmapped: string[] } {
  const patch: ContactPatch = {};
  const problems = new Set<string>();
  const unmapped = new Set<string>();
  for (const change of changes) {
    for (const name of change.changedFields) {
      if (name === 'PaperInvoices') {
        patch.paperless = !change.paperInvoices;
        continue;
      }
      const route = IC_TARGETS[name];
      if (!route) continue;
      const field = fields.get(route.target);
      if (field === undefined) {
        unmapped.add(route.label);
        continue;
      }
      if (!WRITABLE.has(field)) {
        problems.add(
          `The mapping sends ${route.label} to InHANCE field "${field}", which InHANCE's contact update cannot write (it writes email, phone and paperless).`,
        );
        continue;
      }
      patch[field as ContactField] = (name === 'EmailAddress' ? change.emailAddress : change.phone).trim();
    }
  }
  return { patch, problems: [...problems], unmapped: [...unmapped] };
}

function describePatch(p: ContactPatch): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} ${typeof v === 'string' ? `"${v}"` : String(v)}`)
    .join(', ');
}
