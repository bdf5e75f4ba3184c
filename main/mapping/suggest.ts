import type { IcField } from '../../shared/domain/invoicecloud-fields';
import type { MappingRow, SourceField, Suggestion, Transform } from '../../shared/domain/mapping';
import { rowFindings } from './validate';

/**
 * Suggestions by name for unmapped targets. They are only ever returned, never applied: the editor
 * shows them and the PM accepts one or all (`acceptSuggestions`), then saves like any other edit.
 */

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Names that mean the same field in InHANCE and in InvoiceCloud (normalized). */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['emailaddress', 'email', 'emailaddr'],
  ['customername', 'name', 'fullname', 'accountname'],
  ['invoicedate', 'billdate', 'issuedate'],
  ['totalamountdue', 'total', 'totaldue', 'amountdue', 'billtotal'],
  ['balancedue', 'balance', 'billbalance'],
  ['minimumamountdue', 'minimum', 'minimumdue', 'mindue'],
  ['pdflink', 'pdfurl', 'pdf', 'billimageurl', 'imageurl'],
  ['zip', 'zipcode', 'postalcode'],
  ['phone', 'phonenumber', 'homephone', 'telephone'],
  ['address1', 'addressline1', 'street', 'streetaddress'],
  ['address2', 'addressline2'],
  ['firstnotifydate', 'first', 'firstnotify'],
  ['secondnotifydate', 'second', 'secondnotify'],
  ['thirdnotifydate', 'third', 'thirdnotify'],
];
const SYNONYM_GROUP = new Map<string, number>();
SYNONYMS.forEach((group, i) => group.forEach((name) => SYNONYM_GROUP.set(name, i)));

function targetName(field: IcField): string {
  return norm(field.key.replace(/^(customers|invoices)-/, ''));
}

function sourceNames(source: SourceField): string[] {
  const last = norm(source.path.split('.').slice(1).join(''));
  const names = new Set([last, norm(source.label)]);
  if (source.type === 'cents') names.add(last.replace(/cents$/, ''));
  return [...names].filter(Boolean);
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = [...y];
  let hits = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      hits++;
      pool.splice(i, 1);
    }
  }
  return (2 * hits) / (x.length + y.length);
}

/** How well one source name fits one target name, with the reason a PM will read. */
function nameScore(target: string, source: string): { score: number; why: string } | null {
  if (target === source) return { score: 1, why: 'same name' };
  const g = SYNONYM_GROUP.get(target);
  if (g !== undefined && g === SYNONYM_GROUP.get(source)) return { score: 0.9, why: 'known synonym' };
  if (Math.min(target.length, source.length) >= 4 && (target.includes(source) || source.includes(target))) {
    return { score: 0.7, why: 'one name contains the other' };
  }
  const d = dice(target, source);
  return d >= 0.6 ? { score: 0.7 * d, why: 'similar name' } : null;
}

/** The transform that makes this source fit this target's type. */
export function transformForPair(field: IcField, source: SourceField): Transform {
  if (field.type === 'money') return 'cents-to-decimal';
  if (field.type === 'date') return 'date';
  if (field.type === 'phone') return 'phone';
  if (field.type === 'string' && source.type === 'cents') return 'cents-to-decimal';
  const textTarget = field.type === 'string' || field.type === 'email' || field.type === 'url';
  if (textTarget && ['string', 'unknown', 'email', 'url', 'phone'].includes(source.type)) return 'trim';
  return 'none';
}

/** Customer targets must come from the account (the Customer job has no bill); invoice targets prefer the bill. */
function originWeight(field: IcField, source: SourceField): number {
  if (field.section === 'customer') return source.origin === 'account' ? 1 : 0.5;
  return source.origin === 'account' ? 0.8 : 1;
}

const MIN_SCORE = 0.5;

/**
 * For each target not mapped in `current`, the best source by name whose types fit (a pair that
 * would fail validation is never suggested). Each source is suggested once, to its best target.
 */
export function suggest(
  sourceFields: readonly SourceField[],
  targets: readonly IcField[],
  current: readonly MappingRow[] = [],
): Suggestion[] {
  const mappedTargets = new Set(current.filter((r) => r.source !== null).map((r) => r.target));
  const usedSources = new Set(current.flatMap((r) => (r.source === null ? [] : [r.source])));
  const candidates: Suggestion[] = [];
  for (const field of targets) {
    if (mappedTargets.has(field.key)) continue;
    const tName = targetName(field);
    const tLabel = norm(field.label);
    for (const source of sourceFields) {
      if (usedSources.has(source.path)) continue;
      let best: { score: number; why: string } | null = null;
      for (const sName of sourceNames(source)) {
        for (const candidate of [nameScore(tName, sName), nameScore(tLabel, sName)]) {
          if (candidate && (!best || candidate.score > best.score)) best = candidate;
        }
      }
      if (!best) continue;
      const transform = transformForPair(field, source);
      const row: MappingRow = { target: field.key, source: source.path, transform, required: field.required };
      if (transform === 'date') row.dateFormat = 'M/D/YYYY';
      const findings = rowFindings(field, row, source);
      if (findings.some((f) => f.severity === 'error')) continue;
      const score = Math.round(best.score * originWeight(field, source) * (findings.length > 0 ? 0.85 : 1) * 100) / 100;
      if (score < MIN_SCORE) continue;
      const suggestion: Suggestion = {
        target: field.key,
        source: source.path,
        transform,
        score,
        reason: `${field.label} ← ${source.label} (${source.path}): ${best.why}${transform === 'none' ? '' : `, with the ${transform} transform`}.`,
      };
      if (row.dateFormat) suggestion.dateFormat = row.dateFormat;
      candidates.push(suggestion);
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const takenTargets = new Set<string>();
  const takenSources = new Set<string>();
  const chosen: Suggestion[] = [];
  for (const c of candidates) {
    if (takenTargets.has(c.target) || takenSources.has(c.source)) continue;
    takenTargets.add(c.target);
    takenSources.add(c.source);
    chosen.push(c);
  }
  const order = new Map(targets.map((t, i) => [t.key, i]));
  return chosen.sort((a, b) => order.get(a.target)! - order.get(b.target)!);
}

/**
 * The rows after the PM accepted some suggestions: a new array, the input untouched. A suggestion
 * for a target that was mapped meanwhile is not applied over the PM's choice.
 */
export function acceptSuggestions(
  rows: readonly MappingRow[],
  accepted: readonly Suggestion[],
  catalog: readonly IcField[],
): MappingRow[] {
  const out = rows.map((r) => ({ ...r }));
  for (const s of accepted) {
    const at = out.findIndex((r) => r.target === s.target);
    const existing = at >= 0 ? out[at] : undefined;
    if (existing && existing.source !== null) continue;
    const required = catalog.find((f) => f.key === s.target)?.required ?? false;
    const row: MappingRow = {
      target: s.target,
      source: s.source,
      transform: s.transform,
      required: existing?.required || required,
    };
    if (s.dateFormat) row.dateFormat = s.dateFormat;
    if (existing) out[at] = row;
    else out.push(row);
  }
  return out;
}
