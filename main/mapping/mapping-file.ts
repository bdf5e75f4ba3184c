import type * as z from 'zod';
import {
  DATE_FORMATS,
  MAPPING_FILE_FORMAT,
  MAPPING_FILE_FORMAT_VERSION,
  mappingRowSchema,
  TRANSFORMS,
  type MappingFile,
  type MappingRow,
} from '../../shared/domain/mapping';

/**
 * The mapping export file: JSON a PM can keep, mail, or import on the job host. Reading one turns
 * every problem into a sentence that names the row and the field, because the person reading it
 * set up a biller, not a JSON schema.
 */

export function writeMappingFile(file: Omit<MappingFile, 'format' | 'formatVersion'>): string {
  const out: MappingFile = { format: MAPPING_FILE_FORMAT, formatVersion: MAPPING_FILE_FORMAT_VERSION, ...file };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** `mapping-sandbox-utility-v3.json`: says which biller and version a file on a desktop holds. */
export function mappingFileName(billerName: string, version: number): string {
  const slug =
    billerName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'biller';
  return `mapping-${slug}-v${version}.json`;
}

export type ParsedMappingFile =
  | { ok: true; rows: MappingRow[]; origin: { billerName?: string; version?: number; exportedAt?: string } }
  | { ok: false; problems: string[] };

const FIELD_WORDS: Record<string, string> = {
  target: 'target',
  source: 'source',
  transform: 'transform',
  dateFormat: 'date format',
  required: 'required flag',
};

function quote(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 60)}…` : String(text);
}

function describeIssue(rowNumber: number, raw: Record<string, unknown>, issue: z.core.$ZodIssue): string {
  const field = String(issue.path[0] ?? '');
  const word = FIELD_WORDS[field] ?? field;
  const value = raw[field];
  const prefix = `Row ${rowNumber}: `;
  switch (field) {
    case 'transform':
      return `${prefix}transform ${quote(value)} is not one of ${TRANSFORMS.join(', ')}.`;
    case 'dateFormat':
      return `${prefix}date format ${quote(value)} is not one of ${DATE_FORMATS.join(', ')}.`;
    case 'required':
      return `${prefix}the required flag must be true or false, not ${quote(value)}.`;
    case 'target':
      return value === undefined || value === ''
        ? `${prefix}the target (InvoiceCloud field) is missing.`
        : `${prefix}target ${quote(value)} is not valid: ${issue.message}`;
    case 'source':
      if (value === undefined) return `${prefix}the source is missing (write null to leave the target unmapped).`;
      return `${prefix}source ${quote(value)} is not valid. ${issue.message}`;
    default:
      return `${prefix}${word ? `${word}: ` : ''}${issue.message}`;
  }
}

/** The keys a row of a file may have; anything else is most likely a typo that would be lost. */
const ROW_KEYS = Object.keys(FIELD_WORDS);

const loose = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edits (insert, delete, change, swap two neighbours) from `a` to `b`: 'transfrom' is 1 from 'transform'. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The row key an unknown key was probably meant to be, if one is close enough to say so. */
function meant(key: string): string | null {
  let best: { key: string; d: number } | null = null;
  for (const known of ROW_KEYS) {
    const d = distance(loose(key), loose(known));
    if (!best || d < best.d) best = { key: known, d };
  }
  return best && best.d <= 2 ? best.key : null;
}

/**
 * Keys a row must not carry, and keys it must: a silently dropped `transfrom` would import the row
 * as "As stored", and a missing transform is never what an export holds.
 */
function rowKeyProblems(
  rowNumber: number,
  raw: Record<string, unknown>,
): { problems: string[]; reported: Set<string> } {
  const problems: string[] = [];
  const reported = new Set<string>();
  for (const key of Object.keys(raw)) {
    if (ROW_KEYS.includes(key)) continue;
    const guess = meant(key);
    if (guess && !(guess in raw)) reported.add(guess);
    problems.push(
      guess
        ? `Row ${rowNumber}: '${key}' is not a field of a mapping row (did you mean ${guess}?).`
        : `Row ${rowNumber}: '${key}' is not a field of a mapping row; a row has ${ROW_KEYS.slice(0, -1).join(', ')} and ${ROW_KEYS.at(-1)}.`,
    );
  }
  if (!('transform' in raw) && !reported.has('transform')) {
    problems.push(`Row ${rowNumber}: the transform is missing (write "none" to write the value as InHANCE stores it).`);
    reported.add('transform');
  }
  return { problems, reported };
}

/** Reads an export file; never throws, so the caller can report every problem at once. */
export function parseMappingFile(json: string): ParsedMappingFile {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      problems: [
        `The file is not valid JSON (${(error as Error).message}). Export the mapping again, or check the file was not edited by hand.`,
      ],
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: ['The file is not an Impresa Bridge mapping export: it holds no mapping object.'] };
  }
  const file = data as Record<string, unknown>;
  if (file.format !== MAPPING_FILE_FORMAT) {
    return {
      ok: false,
      problems: [
        `The file is not an Impresa Bridge mapping export: it has no "format": "${MAPPING_FILE_FORMAT}" marker.`,
      ],
    };
  }
  if (file.formatVersion !== MAPPING_FILE_FORMAT_VERSION) {
    const newer = typeof file.formatVersion === 'number' && file.formatVersion > MAPPING_FILE_FORMAT_VERSION;
    return {
      ok: false,
      problems: [
        newer
          ? `The file was written by a newer Impresa Bridge (mapping format ${file.formatVersion}); this version reads format ${MAPPING_FILE_FORMAT_VERSION}. Update Impresa Bridge, then import it again.`
          : `The file's mapping format ${quote(file.formatVersion)} is not one this version reads (${MAPPING_FILE_FORMAT_VERSION}).`,
      ],
    };
  }
  if (!Array.isArray(file.rows)) return { ok: false, problems: ['The file has no list of rows ("rows": [...]).'] };

  const problems: string[] = [];
  const rows: MappingRow[] = [];
  file.rows.forEach((raw, index) => {
    const n = index + 1;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`Row ${n}: is not a mapping row (expected target, source, transform).`);
      return;
    }
    const keys = rowKeyProblems(n, raw as Record<string, unknown>);
    problems.push(...keys.problems);
    const parsed = mappingRowSchema.safeParse(raw);
    if (!parsed.success) {
      const seen = new Set<string>(keys.reported);
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(describeIssue(n, raw as Record<string, unknown>, issue));
      }
      return;
    }
    if (keys.problems.length === 0) rows.push(parsed.data);
  });
  if (problems.length > 0) return { ok: false, problems };

  const origin: { billerName?: string; version?: number; exportedAt?: string } = {};
  const biller = file.biller as { name?: unknown } | undefined;
  if (biller && typeof biller.name === 'string') origin.billerName = biller.name;
  if (typeof file.version === 'number') origin.version = file.version;
  if (typeof file.exportedAt === 'string') origin.exportedAt = file.exportedAt;
  return { ok: true, rows, origin };
}
