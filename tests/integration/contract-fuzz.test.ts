import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { allChannels, channelDef } from '../../shared/contract';
import { requireSecretService, tempDataDir } from '../support/temp';

/**
 * Bad input, generated: every channel of the contract gets inputs built from its zod schema's
 * fields with wrong types, huge strings and prototype keys (`__proto__`, `constructor`), raw (as
 * Electron's structured clone delivers them) and through JSON (as the browser host's socket does).
 * Each answer is an envelope with a clear {code, message}; nothing crashes, nothing is written,
 * no prototype is polluted.
 */
let core: Core;
let cleanup: () => void;
let billerId: string;

beforeAll(() => {
  requireSecretService();
  const tmp = tempDataDir('ib-fuzz-');
  cleanup = tmp.cleanup;
  core = createCore({ dataDir: tmp.dir, shell: 'browser', logger: new MemoryLogger(), startJobs: false });
  // A real biller, so a generated billerId sometimes names one (its services point at a closed port).
  billerId = core.billers.createProfile({
    name: 'Fuzz Utility',
    timeZone: 'America/Chicago',
    billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    invoiceTypeId: 3,
    invoiceFormatGuid: null,
    icHost: 'http://127.0.0.1:9',
    impresaUrl: 'http://127.0.0.1:9',
    impresaUser: 'bridge',
    postingMode: 'pending',
    livePostingUser: 'IC Clerk',
    isJobHost: false,
  }).id;
});
afterAll(async () => {
  await core.close();
  cleanup();
});

const changes = () => (core.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

const hugeString = fc
  .integer({ min: 100_000, max: 1_000_000 })
  .chain((n) =>
    fc
      .constantFrom('x', '€', '\u0000', '<!DOCTYPE', '%E0%A4%A', '"\'; DROP TABLE billers; --')
      .map((s) => s.repeat(Math.ceil(n / s.length))),
  );
const protoKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
);
/** An object carrying prototype keys as own properties, as JSON.parse makes them. */
const protoObject = fc
  .tuple(protoKeys, fc.jsonValue())
  .map(
    ([k, v]) =>
      JSON.parse(
        `{${JSON.stringify(k)}: {"polluted": ${JSON.stringify(v)}, "prototype": {"polluted": true}}}`,
      ) as Record<string, unknown>,
  );
const junk = fc.oneof(
  { depthSize: 'small' },
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, -1, 0),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '0x10', '1e3', '2025-02-30', 'null', '{}', '[]'),
  hugeString,
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.jsonValue(),
  protoObject,
);

function fieldsOf(channel: string): string[] {
  const shape = (channelDef(channel)!.input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Inputs for one channel: its own field names with junk (sometimes the real biller id), plus prototype keys, or junk whole. */
function inputFor(channel: string): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  const value = (key: string) => (/^(billerId|id)$/.test(key) ? fc.oneof(junk, fc.constant(billerId)) : junk);
  const shaped = fc
    .record(Object.fromEntries(fields.map((k) => [k, value(k)])), { requiredKeys: [] })
    .chain((obj) => fc.tuple(fc.constant(obj), fc.option(protoObject, { nil: undefined })))
    .map(([obj, proto]) => (proto ? Object.assign(JSON.parse(JSON.stringify(proto)) as object, obj) : obj));
  return fc.oneof(shaped, shaped, junk);
}

function throughJson(input: unknown): unknown {
  try {
    const text = JSON.stringify(input);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return input;
  }
}

const channels = allChannels();
const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe('every contract channel under generated bad input', () => {
  it('answers with a clear {code, message}, never crashes, writes nothing and pollutes no prototype', async () => {
    const protoBefore = prototypeNames();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels).chain((c) => fc.tuple(fc.constant(c), inputFor(c), fc.boolean())),
        async ([channel, raw, viaJson]) => {
          seen.add(channel);
          const input = viaJson ? throughJson(raw) : raw;
          const def = channelDef(channel)!;
          const valid = def.input.safeParse(input ?? {}).success;
          const before = changes();
          const envelope = (await core.router.dispatch(channel, input, { shell: 'browser', trustedSender: true })) as {
            result?: unknown;
            error?: { code: string; message: string };
          };
          expect('result' in envelope || 'error' in envelope).toBe(true);
          if (envelope.error) {
            expect(envelope.error.code).toMatch(/^[A-Z][A-Z_]+$/);
            expect(envelope.error.code, `${channel}: ${envelope.error.message}`).not.toBe('INTERNAL');
            expect(envelope.error.message.length).toBeGreaterThan(10);
            expect(envelope.error.message.length).toBeLessThan(2000);
            expect(envelope.error.message).not.toMatch(/\n\s+at /);
          }
          if (!valid) {
            expect(envelope.error?.code, channel).toBe('INVALID_INPUT');
            expect(changes(), `${channel} wrote with an invalid input`).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(prototypeNames()).toBe(protoBefore);
        },
      ),
      { numRuns: 900, seed: 20261207 },
    );
    // Every channel was exercised.
    expect([...seen].sort()).toEqual([...channels].sort());
  });

  it('refuses a non-channel name and an unknown domain clearly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          protoKeys,
          protoKeys.map((k) => `${k}:${k}`),
          protoKeys.map((k) => `app:${k}`),
        ),
        async (name) => {
          fc.pre(!channels.includes(name));
          const envelope = await core.router.dispatch(name, {}, { shell: 'browser', trustedSender: true });
          expect(envelope).toMatchObject({ error: { code: 'NOT_FOUND' } });
        },
      ),
      { numRuns: 200 },
    );
  });
});
