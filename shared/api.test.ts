import { describe, expect, it } from 'vitest';
import { buildApi } from './api';
import { allChannels } from './contract';
import { AppError } from './errors';

describe('buildApi', () => {
  it('exposes one function per contract channel and nothing that names a channel', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildApi({
      invoke: async (channel, input) => {
        calls.push([channel, input]);
        return { result: { ok: true } };
      },
      subscribe: () => () => undefined,
    });
    for (const name of allChannels()) {
      const [domain, verb] = name.split(':') as [string, string];
      const fn = (api as unknown as Record<string, Record<string, unknown>>)[domain]![verb];
      expect(typeof fn, name).toBe('function');
    }
    await api.billers.remove({ id: 'b1' });
    await api.app.info();
    expect(calls).toEqual([
      ['billers:remove', { id: 'b1' }],
      ['app:info', {}],
    ]);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('rebuilds an error envelope as an AppError with code, message and fields', async () => {
    const api = buildApi({
      invoke: async () => ({
        error: {
          code: 'INVALID_INPUT',
          message: 'The biller was not accepted.',
          fields: { name: 'Enter the biller name.' },
        },
      }),
      subscribe: () => () => undefined,
    });
    const error = await api.billers.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The biller was not accepted.',
      fields: { name: 'Enter the biller name.' },
    });
  });

  it('returns an unsubscribe from on()', () => {
    const listeners = new Set<(p: unknown) => void>();
    const api = buildApi({
      invoke: async () => ({ result: null }),
      subscribe: (_e, l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    });
    const off = api.on('billers:changed', () => undefined);
    expect(listeners.size).toBe(1);
    off();
    expect(listeners.size).toBe(0);
  });
});
