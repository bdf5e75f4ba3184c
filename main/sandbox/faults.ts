import { mix, Rng, seedNumber } from './rng';

/**
 * Fault injection, per simulator, from a spec string such as
 *   ic:latency=300ms@0.2,ic:500@0.05,impresa:timeout@0.02,ic:reset@0.01,impresa:malformed@0.02,ic:duplicate@0.1
 * Grammar (README.md has the long form):
 *   spec   := rule ("," rule)*
 *   rule   := target ":" kind ["@" rate]
 *   target := "ic" | "impresa" | "both"
 *   kind   := "latency=" duration | "429" (Retry-After: 1) | status | "timeout" | "reset" | "malformed" | "duplicate" | "sparse"
 *   ("sparse", InvoiceCloud only: the answer leaves out Success and every optional element it may
 *   omit, and a View… that finds nothing answers an empty result; a valid answer, not counted as a fault)
 *   status := "500" | "502" | "503" | "504" | "5xx"   (5xx picks one of the four)
 *   duration := integer ("ms" | "s")
 *   rate   := decimal in [0, 1] or percentage ("5%"); default 1
 * Draws come from a generator seeded by (world seed, simulator), so a run is reproducible for the
 * same sequence of requests.
 */
export type FaultTarget = 'ic' | 'impresa';
export type FaultKind = 'latency' | 'status' | 'timeout' | 'reset' | 'malformed' | 'duplicate' | 'sparse';

export interface FaultRule {
  target: FaultTarget;
  kind: FaultKind;
  rate: number;
  latencyMs?: number;
  /** For `status`: the HTTP status, or 0 for "any of 500/502/503/504". */
  status?: number;
}

/** What to do to one request. `action` null means answer normally. */
export interface FaultDecision {
  latencyMs: number;
  action: null | { kind: 'status'; status: number } | { kind: 'timeout' } | { kind: 'reset' } | { kind: 'malformed' };
  /** Repeat a record in this response's page (list operations only). */
  duplicate: boolean;
  /** Answer in the sparse shape (the IC simulator only): no Success, no empty optional elements. */
  sparse: boolean;
}

export class FaultSpecError extends Error {}

function parseRate(text: string | undefined, rule: string): number {
  if (text === undefined) return 1;
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const rate = pct ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
  if (!(rate >= 0 && rate <= 1))
    throw new FaultSpecError(
      `Fault rule "${rule}": the rate after @ must be a number from 0 to 1 (or a percentage like 5%).`,
    );
  return rate;
}

export function parseFaultSpec(spec: string | undefined | null): FaultRule[] {
  if (!spec || !spec.trim()) return [];
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const text = raw.trim();
    if (!text) continue;
    const m = /^(ic|impresa|both):([^@]+?)(?:@(.+))?$/i.exec(text);
    if (!m)
      throw new FaultSpecError(
        `Fault rule "${text}" is not of the form target:kind[@rate], e.g. ic:500@0.05 (targets: ic, impresa, both).`,
      );
    const rate = parseRate(m[3]?.trim(), text);
    const kindText = m[2]!.trim().toLowerCase();
    const targets: FaultTarget[] =
      m[1]!.toLowerCase() === 'both' ? ['ic', 'impresa'] : [m[1]!.toLowerCase() as FaultTarget];
    let base: Omit<FaultRule, 'target'>;
    const latency = /^latency=(\d+)(ms|s)?$/.exec(kindText);
    if (latency) base = { kind: 'latency', rate, latencyMs: Number(latency[1]) * (latency[2] === 's' ? 1000 : 1) };
    else if (kindText === '429') base = { kind: 'status', rate, status: 429 };
    else if (/^(500|502|503|504)$/.test(kindText)) base = { kind: 'status', rate, status: Number(kindText) };
    else if (kindText === '5xx') base = { kind: 'status', rate, status: 0 };
    else if (['timeout', 'reset', 'malformed', 'duplicate'].includes(kindText))
      base = { kind: kindText as FaultKind, rate };
    else if (kindText === 'sparse') {
      if (m[1]!.toLowerCase() === 'impresa')
        throw new FaultSpecError(`Fault rule "${text}": sparse answers are an InvoiceCloud mode; write ic:sparse.`);
      rules.push({ target: 'ic', kind: 'sparse', rate });
      continue;
    } else
      throw new FaultSpecError(
        `Fault rule "${text}": unknown kind "${kindText}". Use latency=<n>ms, 429, 500, 502, 503, 504, 5xx, timeout, reset, malformed, duplicate or sparse.`,
      );
    for (const target of targets) rules.push({ target, ...base });
  }
  return rules;
}

/** Draws fault decisions for one simulator; rules can be replaced while running. */
export class FaultInjector {
  private rules: FaultRule[];
  private rng: Rng;

  constructor(
    private readonly target: FaultTarget,
    rules: FaultRule[],
    seed: string | number,
  ) {
    this.rules = rules.filter((r) => r.target === target);
    this.rng = new Rng(mix(seedNumber(seed), target === 'ic' ? 0x1c : 0x1e));
  }

  setRules(rules: FaultRule[]): void {
    this.rules = rules.filter((r) => r.target === this.target);
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  /** Faults injected so far (a status, reset, timeout, malformed answer or duplicate; latency alone is not counted). */
  injected = 0;

  decide(): FaultDecision {
    const decision = this.draw();
    if (decision.action || decision.duplicate) this.injected++;
    return decision;
  }

  private draw(): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, action: null, duplicate: false, sparse: false };
    for (const rule of this.rules) {
      const hit = this.rng.next() < rule.rate;
      if (!hit) continue;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else if (rule.kind === 'duplicate') decision.duplicate = true;
      else if (rule.kind === 'sparse') decision.sparse = true;
      else if (decision.action === null) {
        if (rule.kind === 'status')
          decision.action = { kind: 'status', status: rule.status || [500, 502, 503, 504][this.rng.int(0, 3)]! };
        else decision.action = { kind: rule.kind } as FaultDecision['action'];
      }
    }
    return decision;
  }
}
