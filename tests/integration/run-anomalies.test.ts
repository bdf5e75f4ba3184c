import { afterEach, describe, expect, it } from 'vitest';
import { startTamperingProxy, type TamperingProxy } from '../../main/clients/testing';
import type { Sandbox } from '../../main/sandbox';
import { installation, runPaymentsJob, sandbox, type Installation } from '../support/payments-kit';
import { jobsWorld, type JobsWorld } from '../support/jobs-world';
import { requireSecretService } from '../support/temp';

let w: JobsWorld | null = null;
let sb: Sandbox | null = null;
let host: Installation | null = null;
let proxy: TamperingProxy | null = null;
afterEach(async () => {
  await w?.close();
  await host?.close();
  await proxy?.close();
  await sb?.close();
  w = sb = host = proxy = null;
});

describe('answers that cannot be right are anomalies the run reports, never counted as success', () => {
  it('Balance: RecordsUpdated=-5 is not "-5 balances sent": the run is partly done with a warning, and its report lists it', async () => {
    w = await jobsWorld({
      accounts: 40,
      seed: 'anomaly-balance',
      icTamper: (_path, body) =>
        body.includes('UpdateAccountBalancesResult')
          ? Buffer.from(
              body
                .toString('utf8')
                .replace(/<RecordsUpdated>\d+<\/RecordsUpdated>/, '<RecordsUpdated>-5</RecordsUpdated>'),
            )
          : null,
    });
    const run = await w.run('balance');
    expect(run.state).toBe('partial');
    expect(run.summary).not.toMatch(/-5/);
    expect(run.summary).toBe('0 balances sent to InvoiceCloud');
    expect(run.counts.written).toBe(0);
    expect(run.error).toMatchObject({ code: 'ANOMALIES' });
    expect(run.error!.message).toMatch(
      /^One answer could not be right and was not counted: UpdateAccountBalances \(40 balances sent\): InvoiceCloud answered RecordsReceived=40, RecordsUpdated=-5/,
    );
    const detail = w.detail(run, 'anomalies');
    expect(detail.report?.rows).toEqual([
      expect.objectContaining({ kind: 'records-updated', detail: expect.stringContaining('RecordsUpdated=-5') }),
    ]);
    expect(detail.log.some((l) => l.level === 'warn' && /Anomaly \(records-updated\)/.test(l.message))).toBe(true);
  });

  it('Payments: amounts of 0 and below are reported, not a silent "Succeeded"', async () => {
    requireSecretService();
    sb = await sandbox({ accounts: 300, seed: 'anomaly-payments' });
    let changed = 0;
    proxy = await startTamperingProxy(sb.icBaseUrl, (_path, body) => {
      if (!body.includes('DownloadPaymentsResult') || changed > 0) return null;
      const amounts = ['0.00', '-12.50'];
      const text = body
        .toString('utf8')
        .replace(
          /<RecordType>Payment<\/RecordType>([\s\S]*?)<PaymentAmount>[^<]*<\/PaymentAmount>/g,
          (whole, between: string) => {
            if (changed >= amounts.length) return whole;
            return `<RecordType>Payment</RecordType>${between}<PaymentAmount>${amounts[changed++]}</PaymentAmount>`;
          },
        );
      return Buffer.from(text);
    });
    host = await installation(sb, { mode: 'pending', icHost: proxy.url });
    const run = await runPaymentsJob(host);
    expect(changed).toBe(2);
    expect(run.state).toBe('partial');
    expect(run.error).toMatchObject({ code: 'ANOMALIES' });
    expect(run.error!.message).toMatch(
      /^2 answers could not be right and were not counted: Payment [0-9a-f-]{36}: InvoiceCloud sent a payment of \$0\.00 for account/,
    );
    expect(run.error!.message).toMatch(/\(and 1 more\)$/);
    const rows = host.core.jobs.runDetail(run.id, { report: 'anomalies' }).report!.rows;
    expect(rows.map((r) => r.kind)).toEqual(['payment-amount', 'payment-amount']);
    expect(String(rows[1]!.detail)).toMatch(/-\$12\.50/);
  });
});
