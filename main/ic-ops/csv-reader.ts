import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/**
 * Reading a list of invoice or account numbers from a CSV file someone exported from anywhere
 * (Excel, InHANCE, IC's own portal): the delimiter and whether the first line is a header are
 * detected from the first lines, then the file is streamed row by row through csv-parse, so a
 * 50,000-row file never sits in memory as rows. A row that cannot be read (a broken quote) or
 * holds no usable number is reported with its line and why; the rest go on.
 */
export type BatchKind = 'invoices' | 'accounts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvLayout {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** The 0-based column holding the numbers. */
  column: number;
  /** The header names, or "Column 1", "Column 2"… */
  columns: string[];
}

export interface CsvRow {
  /** The 1-based line in the file where the record starts. */
  line: number;
  value: string;
  /** Why this row cannot be used, or null. */
  error: string | null;
}

const HEADER_WORDS: Record<BatchKind, RegExp> = {
  invoices: /^(invoice|inv)[\s_#.-]*(no|num|number|nbr|id)?\.?$/i,
  accounts: /^(account|acct|customer)[\s_#.-]*(no|num|number|nbr|id)?\.?$/i,
};
const ANY_HEADER = /^(invoice|inv|account|acct|customer)[\s_#.-]*(no|num|number|nbr|id)?\.?$/i;
/** What a number may look like: letters, digits and - _ . / (no spaces), up to 40 characters. */
const VALUE = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/;

const KIND_WORD: Record<BatchKind, string> = { invoices: 'invoice number', accounts: 'account number' };

/** Checks one value; the sentence says what is wrong and what to do. */
export function validateValue(value: string, kind: BatchKind): string | null {
  if (value === '') return `The ${KIND_WORD[kind]} is empty. Fill it in or delete the line.`;
  if (value.length > 40)
    return `"${value.slice(0, 20)}…" is longer than 40 characters; it is not an ${KIND_WORD[kind]}.`;
  if (!VALUE.test(value))
    return `"${value}" is not an ${KIND_WORD[kind]}: use letters, digits and - _ . / only, without spaces.`;
  return null;
}

/** The first lines of the file (at most `maxLines`), for detection and preview. */
function head(text: string, maxLines: number): string {
  let end = 0;
  for (let i = 0; i < maxLines; i++) {
    const next = text.indexOf('\n', end);
    if (next < 0) return text;
    end = next + 1;
  }
  return text.slice(0, end);
}

function records(sample: string, delimiter: string): string[][] | null {
  try {
    return parseSync(sample, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      skip_records_with_error: true,
    }) as string[][];
  } catch {
    return null;
  }
}

/**
 * The delimiter (the one giving the most rows of the same, largest column count; a comma when the
 * file has a single column), the header and the column to read, from the first 50 lines.
 */
export function detectLayout(text: string, kind: BatchKind): CsvLayout {
  const sample = head(text.replace(/^\uFEFF/, ''), 50);
  let best: { delimiter: Delimiter; rows: string[][]; score: number } = {
    delimiter: ',',
    rows: records(sample, ',') ?? [],
    score: -1,
  };
  for (const delimiter of DELIMITERS) {
    const rows = records(sample, delimiter);
    if (!rows || rows.length === 0) continue;
    const width = rows[0]!.length;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 100 + Math.min(width, 10);
    if (score > best.score) best = { delimiter, rows, score };
  }
  const first = (best.rows[0] ?? []).map((c) => c.trim());
  const second = (best.rows[1] ?? []).map((c) => c.trim());
  let column = first.findIndex((c) => HEADER_WORDS[kind].test(c));
  const named = column >= 0 || first.some((c) => ANY_HEADER.test(c));
  // No known name: a header when the first line has no usable value where the second line has one.
  const hasHeader =
    named ||
    (first.length > 0 &&
      second.length > 0 &&
      first.every((c) => validateValue(c, kind) !== null || (/[a-z]{3}/i.test(c) && !/\d/.test(c))) &&
      second.some((c) => validateValue(c, kind) === null));
  if (column < 0) {
    // The first column whose second-line value looks like a number.
    const dataRow = hasHeader ? second : first;
    column = Math.max(
      0,
      dataRow.findIndex((c) => validateValue(c, kind) === null && /\d/.test(c)),
    );
  }
  const width = Math.max(first.length, 1);
  const columns = hasHeader
    ? first.map((c, i) => c || `Column ${i + 1}`)
    : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  return { delimiter: best.delimiter, hasHeader, column, columns };
}

/**
 * Every data row of the file in order, with its line and any error. `source` is the file's text or
 * a stream of it. Blank lines are skipped; a record csv-parse cannot read is one error row (it may
 * come a few rows early: csv-parse reports skips as it reads ahead, so key rows by `line`).
 */
export async function* readCsvRows(
  source: string | NodeJS.ReadableStream,
  layout: CsvLayout,
  kind: BatchKind,
): AsyncGenerator<CsvRow> {
  const skipped: CsvRow[] = [];
  const parser = parse({
    delimiter: layout.delimiter,
    relax_column_count: true,
    // A stray quote inside an unquoted field stays a character (the value check names it) rather
    // than throwing the parser off for the lines after it.
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    from_line: layout.hasHeader ? 2 : 1,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = (error as { lines?: number } | undefined)?.lines ?? 0;
      skipped.push({
        line,
        value: '',
        error: `The line cannot be read as CSV (${csvReason(error?.code)}). Fix the quotes on line ${line} or remove it.`,
      });
      return undefined;
    },
  });
  const input =
    typeof source === 'string' ? Readable.from([source]) : Readable.from(source as AsyncIterable<Buffer | string>);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; raw?: string } }>) {
    while (skipped.length) yield skipped.shift()!;
    const cells = item.record;
    const line = item.info.lines - countNewlines(cells);
    if (cells.every((c) => c.trim() === '')) continue;
    const value = (cells[layout.column] ?? '').trim();
    const error =
      layout.column >= cells.length
        ? `The line has ${cells.length} column${cells.length === 1 ? '' : 's'}; the number is expected in column ${layout.column + 1}.`
        : validateValue(value, kind);
    yield { line, value, error };
  }
  while (skipped.length) yield skipped.shift()!;
}

/** info.lines is the line where a record ends; a quoted field spanning lines moves it. */
function countNewlines(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

function csvReason(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote opens and never closes';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows a closing quote';
    case 'CSV_INVALID_OPENING_QUOTE':
      return 'a quote inside a field that does not start with one';
    default:
      return code ? code.toLowerCase().replace(/^csv_/, '').replace(/_/g, ' ') : 'unreadable';
  }
}

/** The first `n` records as cells, for a preview table. */
export function previewRows(text: string, layout: CsvLayout, n = 10): string[][] {
  const rows = records(head(text.replace(/^\uFEFF/, ''), n + 5), layout.delimiter) ?? [];
  return rows.slice(layout.hasHeader ? 1 : 0).slice(0, n);
}
