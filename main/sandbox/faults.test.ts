import { describe, expect, it } from 'vitest';
import { FaultInjector, FaultSpecError, parseFaultSpec } from './faults';

describe('fault spec', () => {
  it('parses the documented example', () => {
    const rules = parseFaultSpec(
      'ic:latency=300ms@0.2,ic:500@0.05,impresa:timeout@0.02,ic:reset@0.01,impresa:malformed@0.02,ic:duplicate@0.1',
    );
    expect(rules).toEqual([
      { target: 'ic', kind: 'latency', rate: 0.2, latencyMs: 300 },
      { target: 'ic', kind: 'status', rate: 0.05, status: 500 },
      { target: 'impresa', kind: 'timeout', rate: 0.02 },
      { target: 'ic', kind: 'reset', rate: 0.01 },
      { target: 'impresa', kind: 'malformed', rate: 0.02 },
      { target: 'ic', kind: 'duplicate', rate: 0.1 },
    ]);
    expect(parseFaultSpec('both:503@5%, impresa:latency=2s')).toEqual([
      { target: 'ic', kind: 'status', rate: 0.05, status: 503 },
      { target: 'impresa', kind: 'status', rate: 0.05, status: 503 },
      { target: 'impresa', kind: 'latency', rate: 1, latencyMs: 2000 },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
  });

  it('refuses a bad spec with a sentence that says what is wrong', () => {
    expect(() => parseFaultSpec('ic:explode@0.1')).toThrow(/unknown kind "explode"/);
    expect(() => parseFaultSpec('ic:500@2')).toThrow(/rate after @ must be a number from 0 to 1/);
    expect(() => parseFaultSpec('smartsheet:500')).toThrow(FaultSpecError);
  });

  it('knows the sparse answer mode, for InvoiceCloud only, and does not count it as a fault', () => {
    expect(parseFaultSpec('ic:sparse,both:sparse@0.5')).toEqual([
      { target: 'ic', kind: 'sparse', rate: 1 },
      { target: 'ic', kind: 'sparse', rate: 0.5 },
    ]);
    expect(() => parseFaultSpec('impresa:sparse')).toThrow(/sparse answers are an InvoiceCloud mode; write ic:sparse/);
    const injector = new FaultInjector('ic', parseFaultSpec('ic:sparse'), 'seed');
    expect(injector.decide()).toEqual({ latencyMs: 0, action: null, duplicate: false, sparse: true });
    expect(injector.injected).toBe(0);
    expect(new FaultInjector('impresa', parseFaultSpec('both:sparse'), 'seed').decide().sparse).toBe(false);
  });

  it('draws the same decisions for the same seed and hits about the given rate', () => {
    const rules = parseFaultSpec('ic:500@0.25,ic:duplicate@0.5,impresa:reset@1');
    const a = new FaultInjector('ic', rules, 'seed');
    const b = new FaultInjector('ic', rules, 'seed');
    const da = Array.from({ length: 400 }, () => a.decide());
    expect(Array.from({ length: 400 }, () => b.decide())).toEqual(da);
    const hits = da.filter((d) => d.action?.kind === 'status').length;
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
    expect(da.every((d) => d.action === null || d.action.kind === 'status')).toBe(true);
    expect(new FaultInjector('impresa', rules, 'seed').decide().action).toEqual({ kind: 'reset' });
  });
});
