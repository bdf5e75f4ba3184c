import type { IcField } from '../../shared/domain/invoicecloud-fields';
import { IC_FIELD_BY_KEY, type MappingRow } from '../../shared/domain/mapping';
import type { SourceRecord } from './records';
import { transformFor, type TransformFn } from './transforms';
import { isRequired } from './validate';

/**
 * What a job gets for one record: the values to write (target key → text, every mapped target
 * present, '' for empty), or why the record is rejected. A rejected record is never dropped
 * silently: the job counts it and lists the reason in its run. `partial` holds what could be
 * mapped, for the preview.
 */
export type ApplyResult = { values: Record<string, string> } | { rejected: string; partial: Record<string, string> };

export interface CompiledMapping {
  /** Mapped targets in catalog order: the BIF header, and the keys of every `values`. */
  readonly targets: readonly string[];
  apply(record: SourceRecord): ApplyResult;
}

export interface CompileOptions {
  /**
   * Which catalog sections to map. The Customer job passes `['customer']`: it has no bill, so the
   * invoice targets must not reject its records.
   */
  sections?: ReadonlyArray<IcField['section']>;
}

type Getter = (record: SourceRecord) => unknown;

/** A getter for a dotted source path, built once; missing steps read as undefined. */
function getterFor(path: string): Getter {
  const [origin, ...rest] = path.split('.');
  const root: Getter =
    origin === 'account'
      ? (r) => r.account
      : origin === 'bill'
        ? (r) => r.bill
        : origin === 'biller'
          ? (r) => r.biller
          : origin === 'notify'
            ? (r) => r.notify
            : () => undefined;
  if (rest.length === 1) {
    const key = rest[0]!;
    return (r) => (root(r) as Record<string, unknown> | null | undefined)?.[key];
  }
  return (r) => {
    let value: unknown = root(r);
    for (const key of rest) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
}

interface Step {
  target: string;
  label: string;
  get: Getter;
  transform: TransformFn;
  required: boolean;
  maxLength: number | undefined;
}

function accountOf(record: SourceRecord): string {
  const n = record.account?.accountNumber;
  return typeof n === 'string' || typeof n === 'number' ? String(n).trim() || '(no number)' : '(no number)';
}

/**
 * Turns mapping rows into one function, once per run: path lookups, transforms and limits are
 * resolved here so the per-record work is a tight loop. Rows without a source, and a second row
 * for a target already mapped, are ignored (validation reports both before a save).
 */
export function compileMapping(rows: readonly MappingRow[], options: CompileOptions = {}): CompiledMapping {
  const sections = options.sections ? new Set(options.sections) : null;
  const seen = new Set<string>();
  const steps: Step[] = [];
  for (const row of rows) {
    if (row.source === null || seen.has(row.target)) continue;
    const field = IC_FIELD_BY_KEY.get(row.target);
    if (sections && (!field || !sections.has(field.section))) continue;
    seen.add(row.target);
    steps.push({
      target: row.target,
      label: field?.label ?? row.target,
      get: getterFor(row.source),
      transform: transformFor(row.transform, row.dateFormat),
      required: isRequired(row),
      maxLength: field?.maxLength,
    });
  }
  // Catalog order (unknown keys last, in row order): the BIF columns read the same whatever the row order.
  const catalogIndex = new Map([...IC_FIELD_BY_KEY.keys()].map((k, i) => [k, i]));
  const rank = (t: string) => catalogIndex.get(t) ?? Number.MAX_SAFE_INTEGER;
  steps.sort((a, b) => rank(a.target) - rank(b.target));
  const targets = steps.map((s) => s.target);

  return {
    targets,
    apply(record) {
      const values: Record<string, string> = {};
      let problems: string[] | null = null;
      for (const step of steps) {
        const result = step.transform(step.get(record));
        if (!result.ok) {
          (problems ??= []).push(`${step.label} could not be written: ${result.reason}`);
          values[step.target] = '';
          continue;
        }
        const value = result.value;
        values[step.target] = value;
        if (step.required && value.trim() === '') {
          (problems ??= []).push(`${step.label} (${step.target}) is required but empty`);
        } else if (step.maxLength !== undefined && value.length > step.maxLength) {
          (problems ??= []).push(
            `${step.label} is ${value.length} characters; InvoiceCloud takes at most ${step.maxLength}`,
          );
        }
      }
      if (problems) return { rejected: `Account ${accountOf(record)}: ${problems.join('; ')}.`, partial: values };
      return { values };
    },
  };
}

const cache = new WeakMap<readonly MappingRow[], CompiledMapping>();

/**
 * Maps one record with a mapping. Compiles the rows on first use and reuses the compiled form for
 * the same rows array, so a job may call this per record; jobs that hold the compiled mapping
 * (`compileMapping`) skip even the cache lookup.
 */
export function applyMapping(rows: readonly MappingRow[], record: SourceRecord): ApplyResult {
  let compiled = cache.get(rows);
  if (!compiled) {
    compiled = compileMapping(rows);
    cache.set(rows, compiled);
  }
  return compiled.apply(record);
}

/**
 * The Customer job's direction (IC → InHANCE): which InHANCE account field each IC customer key
 * feeds back into. Only plain account fields qualify (`account.phone`, not nested or computed ones).
 */
export function accountFieldsByTarget(rows: readonly MappingRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of rows) {
    if (row.source === null || out.has(row.target)) continue;
    if (IC_FIELD_BY_KEY.get(row.target)?.section !== 'customer') continue;
    const m = /^account\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(row.source);
    if (m) out.set(row.target, m[1]!);
  }
  return out;
}
