import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import { HttpImpresaClient } from './http-client';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 250, seed: 'by-number' });
});
afterAll(async () => sandbox.close());

const client = () =>
  new HttpImpresaClient({
    baseUrl: sandbox.impresaBaseUrl,
    username: sandbox.impresaUser,
    password: sandbox.impresaPassword,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });

describe('accounts in account-number order (the ordered listing Balance All merge-joins)', () => {
  it('pages every account once, ascending, even after changes reorder the change cursor', async () => {
    const c = client();
    // A contact change moves account 3 to the end of the change log; the number order must not care.
    await c.updateContact(sandbox.world.accountNumber(3), { phone: '555-201-0003' });
    const seen: string[] = [];
    for await (const page of c.accountsByNumberPages({ limit: 60 })) {
      seen.push(...page.items.map((a) => a.accountNumber));
      expect(page.nextAfter).toBe(page.items.at(-1)!.accountNumber);
    }
    expect(seen).toHaveLength(250);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(250);
    expect(seen[3]).toBe(sandbox.world.accountNumber(3));
  });

  it('starts after the given account and refuses a cursor that is not an account number', async () => {
    const page = await client().listAccountsByNumber({ after: sandbox.world.accountNumber(247), limit: 10 });
    expect(page.items.map((a) => a.accountNumber)).toEqual([
      sandbox.world.accountNumber(248),
      sandbox.world.accountNumber(249),
    ]);
    expect(page.hasMore).toBe(false);
    await expect(client().listAccountsByNumber({ after: 'nope' })).rejects.toMatchObject({
      code: 'IMPRESA_PROTOCOL',
      message: expect.stringMatching(/not an account number/),
    });
  });
});
