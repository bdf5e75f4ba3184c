import { describe, expect, it } from 'vitest';
import { allChannels, channelDef, type EventMessage } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { MemoryLogger } from '../ground/logger';
import { EventBus, invalidInput, Router } from './router';

const ctx = { shell: 'browser' as const, trustedSender: true };

function routerWithBillers(create: (input: unknown) => unknown) {
  const router = new Router(new MemoryLogger());
  const fail = () => {
    throw new Error('not used');
  };
  router.register('billers', {
    list: fail,
    get: fail,
    create: create as never,
    update: fail,
    remove: fail,
    testConnection: fail,
  });
  return router;
}

describe('Router', () => {
  it('validates input with the contract schema before the handler runs', async () => {
    let called = false;
    const router = routerWithBillers(() => {
      called = true;
      return {};
    });
    const env = await router.dispatch('billers:create', { name: '', billerGuid: 'x' }, ctx);
    expect(called).toBe(false);
    expect('error' in env && env.error.code).toBe('INVALID_INPUT');
    if ('error' in env) {
      expect(env.error.fields?.name).toMatch(/Enter the biller name/);
      expect(env.error.fields?.billerGuid).toMatch(/GUID/);
      // The message a person reads is the schema's sentence, never a contract path ("name: …").
      expect(env.error.message).toBe('Enter the biller name.');
    }
  });

  it('never puts a contract path or a zod default in the message a person reads', async () => {
    const parsed = channelDef('payments:post')!.input.safeParse({ billerId: 'b', entryIds: [], operationId: 'op-1' });
    expect(parsed.success).toBe(false);
    const error = invalidInput(parsed.error!);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).not.toMatch(/entryIds|billerId|Invalid input|expected /);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error.fields?.entryIds).toBeDefined();
    // A CLI renames the path to the flag the person typed; there it stays.
    expect(invalidInput(parsed.error!, 'The command', (f) => `--${f}`).message).toMatch(
      /^The command was not accepted: --entryIds: /,
    );
  });

  it('refuses an untrusted sender and unknown channels', async () => {
    const router = routerWithBillers(() => ({}));
    const untrusted = await router.dispatch('billers:create', {}, { shell: 'browser', trustedSender: false });
    expect('error' in untrusted && untrusted.error.code).toBe('UNAUTHORIZED_SENDER');
    const unknown = await router.dispatch('billers:explode', {}, ctx);
    expect('error' in unknown && unknown.error.code).toBe('NOT_FOUND');
    const proto = await router.dispatch('__proto__:toString', {}, ctx);
    expect('error' in proto && proto.error.code).toBe('NOT_FOUND');
  });

  it('passes AppErrors through as {code, message} and hides unexpected ones', async () => {
    const log = new MemoryLogger();
    const router = new Router(log);
    const boom = () => {
      throw new Error('sqlite internals at /secret/path');
    };
    router.register('billers', {
      list: boom,
      get: () => {
        throw new AppError('NOT_FOUND', 'That biller no longer exists.');
      },
      create: boom,
      update: boom,
      remove: boom,
      testConnection: boom,
    });
    const a = await router.dispatch('billers:get', { id: 'x' }, ctx);
    expect(a).toEqual({ error: { code: 'NOT_FOUND', message: 'That biller no longer exists.' } });
    const b = await router.dispatch('billers:list', {}, ctx);
    expect('error' in b && b.error.code).toBe('INTERNAL');
    expect(JSON.stringify(b)).not.toContain('/secret/path');
    expect(log.lines.join('\n')).toContain('sqlite internals');
  });

  it('names every channel domain:verb', () => {
    for (const name of allChannels()) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });
});

describe('EventBus', () => {
  it('hands each listener the event with its own payload type, and windows one message per event', () => {
    const bus = new EventBus();
    const secretsFor: string[] = [];
    const messages: EventMessage[] = [];
    // No cast: checking the event's name types its payload (tsc holds this line to the contract).
    bus.subscribe((event, payload) => {
      if (event === 'secrets:changed') secretsFor.push(payload.billerId);
    });
    const stop = bus.subscribeMessages((m) => messages.push(m));
    bus.emit('secrets:changed', { billerId: 'b1' });
    bus.emit('billers:changed', { id: 'b2' });
    stop();
    bus.emit('billers:changed', {});
    expect(secretsFor).toEqual(['b1']);
    expect(messages).toEqual([
      { event: 'secrets:changed', payload: { billerId: 'b1' } },
      { event: 'billers:changed', payload: { id: 'b2' } },
    ]);
  });

  it('refuses a payload its event does not allow', () => {
    const bus = new EventBus();
    expect(() => bus.emit('secrets:changed', {} as { billerId: string })).toThrow();
  });
});
