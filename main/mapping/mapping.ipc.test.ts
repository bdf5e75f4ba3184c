import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { contract, type Contract } from '../../shared/contract';
import type { MappingRow } from '../../shared/domain/mapping';
import type { Envelope } from '../../shared/errors';
import { FileLogger, Redactor } from '../ground/logger';
import { Router, type CallContext } from '../ipc/router';
import { mappingHandlers } from './mapping.ipc';
import { mappingWorld } from './mapping-test-kit';
import { standardMapping } from './presets';
import type { MappingSampleSource, SampleRecord } from './records';

/** InHANCE as far as the preview needs it: a few accounts with their latest bills, in memory. */
class InMemorySampleSource implements MappingSampleSource {
  readonly asked: string[] = [];
  constructor(private readonly records: SampleRecord[]) {}
  async sample(billerId: string, n: number): Promise<SampleRecord[]> {
    this.asked.push(`sample ${billerId} ${n}`);
    return this.records.slice(0, n);
  }
  async byNumbers(billerId: string, numbers: string[]): Promise<SampleRecord[]> {
    this.asked.push(`byNumbers ${billerId} ${numbers.join(',')}`);
    return this.records.filter((r) => numbers.includes(String(r.account.accountNumber)));
  }
}

const bill = (n: number) => ({
  invoiceNumber: `INV-${n}`,
  billDate: '2025-03-01',
  dueDate: '2025-03-21',
  totalCents: n * 100 + 5,
  balanceCents: n * 100 + 5,
  minimumCents: 0,
  pdfUrl: `https://bills.example/${n}.pdf`,
});
const inhance = new InMemorySampleSource([
  {
    account: { accountNumber: '1001', customerName: 'Ann Lee', phone: '555-123-4567', state: 'ma' },
    bill: bill(1),
    notify: { first: '2025-03-02' },
  },
  { account: { accountNumber: '1002', customerName: 'Bo Chen', phone: '123', poolCode: 'P7' }, bill: bill(2) },
  { account: { accountNumber: '1003', customerName: 'Cy Diaz' }, bill: bill(3) },
]);

type Verb = keyof Contract['mapping'];
const ctx: CallContext = { shell: 'browser', trustedSender: true };
let cleanup = () => undefined as void;
afterEach(() => cleanup());

function given() {
  const world = mappingWorld();
  cleanup = () => world.cleanup();
  const router = new Router(new FileLogger(path.join(world.dataDir, 'logs'), new Redactor()));
  router.register('mapping', mappingHandlers(world.mapping, inhance));
  const call = async (channel: string, input: unknown) => {
    const envelope: Envelope = await router.dispatch(`mapping:${channel}`, input, ctx);
    return envelope;
  };
  const result = async <V extends Verb>(
    channel: V,
    input: z.input<Contract['mapping'][V]['input']>,
  ): Promise<z.output<Contract['mapping'][V]['output']>> => {
    const envelope = await call(channel, input);
    if ('error' in envelope) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as z.output<Contract['mapping'][V]['output']>;
  };
  return { ...world, router, call, result };
}

describe('mapping IPC', () => {
  it('serves every channel of the contract', () => {
    const { router } = given();
    expect(router.registered().sort()).toEqual(
      Object.keys(contract.mapping)
        .map((v) => `mapping:${v}`)
        .sort(),
    );
  });

  it('gives the editor the active mapping with both catalogs, its validation and the confirmation', async () => {
    const { result, biller } = given();
    const editor = await result('get', { billerId: biller.id });
    expect(editor.active).toMatchObject({ version: 0, kind: 'standard' });
    expect(editor.targets.map((t) => t.key)).toContain('customers-accountnumber');
    expect(editor.sourceFields.map((f) => f.path)).toContain('bill.totalCents');
    expect(editor.issues).toEqual([]);
    expect(editor.confirmation.state).toBe('not-confirmed');
  });

  it('validates, saves, lists, diffs, reverts, exports and imports over the contract', async () => {
    const { result, call, biller } = given();
    const rows: MappingRow[] = standardMapping().filter((r) => r.target !== 'customers-zip');
    expect(await result('validate', { billerId: biller.id, rows: [] })).toMatchObject({ canSave: false });
    expect(await result('validate', { billerId: biller.id, rows })).toEqual({ issues: [], canSave: true });

    await result('save', { billerId: biller.id, rows: standardMapping(), comment: 'v1', baseVersion: 0 });
    const v2 = await result('save', { billerId: biller.id, rows, comment: 'No zip', baseVersion: 1 });
    expect(v2.version.version).toBe(2);
    expect((await result('history', { billerId: biller.id })).map((v) => v.version)).toEqual([2, 1, 0]);
    expect(await result('diff', { billerId: biller.id, from: 1, to: 2 })).toMatchObject({
      from: 1,
      to: 2,
      changes: [{ target: 'customers-zip', change: 'removed' }],
    });
    expect((await result('revert', { billerId: biller.id, version: 1 })).version).toMatchObject({
      version: 3,
      revertedFrom: 1,
    });

    const exported = await result('export', { billerId: biller.id, version: 2 });
    expect(exported.fileName).toBe('mapping-springfield-water-v2.json');
    expect(
      (await result('import', { billerId: biller.id, json: exported.json, comment: 'Back to no zip' })).version,
    ).toMatchObject({ version: 4, kind: 'import' });

    const bad = await call('save', { billerId: biller.id, rows: [], comment: 'empty' });
    expect('error' in bad && bad.error.code).toBe('INVALID_INPUT');
    const noComment = await call('save', { billerId: biller.id, rows, comment: '' });
    expect('error' in noComment && noComment.error.message).toBe('Add a comment saying what changed and why.');
  });

  it('confirms in CRM and suggests without applying', async () => {
    const { result, biller } = given();
    const suggestions = (await result('suggest', { billerId: biller.id, rows: [] })).suggestions;
    expect(suggestions.find((s) => s.target === 'customers-accountnumber')).toMatchObject({
      source: 'account.accountNumber',
      score: 1,
    });
    expect((await result('get', { billerId: biller.id })).active.version).toBe(0);
    expect(await result('confirm', { billerId: biller.id, version: 0 })).toMatchObject({
      state: 'confirmed',
      activeVersion: 1,
    });
  });

  it('confirms only the version the PM saw: a newer save in between is refused with CONFLICT', async () => {
    const { call, result, mapping, biller } = given();
    mapping.save(biller.id, standardMapping(), 'v1');
    mapping.save(
      biller.id,
      standardMapping().filter((r) => r.target !== 'customers-zip'),
      'v2',
    );
    const stale = await call('confirm', { billerId: biller.id, version: 1 });
    expect(stale).toEqual({
      error: {
        code: 'CONFLICT',
        message:
          'Version 1 is no longer the active mapping: version 2 was saved since. Nothing was recorded. Check version 2 in CRM, then confirm it.',
      },
    });
    expect((await result('get', { billerId: biller.id })).confirmation.state).toBe('not-confirmed');
    const missing = await call('confirm', { billerId: biller.id });
    expect('error' in missing && missing.error.code).toBe('INVALID_INPUT');
    expect(await result('confirm', { billerId: biller.id, version: 2 })).toMatchObject({
      state: 'confirmed',
      activeVersion: 2,
      latest: { version: 2 },
    });
  });

  it('previews chosen accounts from InHANCE, naming the ones it has not got', async () => {
    const { result, biller } = given();
    const preview = await result('preview', {
      billerId: biller.id,
      rows: standardMapping(),
      accountNumbers: ['1002', '9999', '1001', '1001'],
    });
    expect(inhance.asked.at(-1)).toBe(`byNumbers ${biller.id} 1002,9999,1001`);
    expect(preview.notFound).toEqual(['9999']);
    expect(preview.rows.map((r) => r.accountNumber)).toEqual(['1002', '1001']);
    expect(preview.rejected).toBe(1);
    expect(preview.rows[0]!.rejected).toBe(
      "Account 1002: Phone could not be written: '123' is not a 10-digit US phone number.",
    );
    expect(preview.rows[1]!.values).toMatchObject({
      'customers-state': 'MA',
      'invoices-totalamountdue': '1.05',
      'invoices-firstnotifydate': '3/2/2025',
    });
    expect(preview.sourceFields.find((f) => f.path === 'account.poolCode')).toMatchObject({ discovered: true });
  });

  it('lets InHANCE choose N sample accounts, 10 by default', async () => {
    const { result, biller } = given();
    expect((await result('preview', { billerId: biller.id, rows: standardMapping(), sample: 2 })).rows).toHaveLength(2);
    expect(inhance.asked.at(-1)).toBe(`sample ${biller.id} 2`);
    await result('preview', { billerId: biller.id, rows: standardMapping() });
    expect(inhance.asked.at(-1)).toBe(`sample ${biller.id} 10`);
  });

  it('does not ask InHANCE anything for an unknown biller', async () => {
    const { call } = given();
    const before = inhance.asked.length;
    const envelope = await call('preview', { billerId: 'nope', rows: [], sample: 3 });
    expect('error' in envelope && envelope.error.code).toBe('NOT_FOUND');
    expect(inhance.asked.length).toBe(before);
  });
});
