import { IC_FIELDS, type IcField } from '../../shared/domain/invoicecloud-fields';

/**
 * The simulator's reading of a Biller Invoice File: CSV (RFC 4180), header row = IC field keys of
 * shared/domain/invoicecloud-fields.ts in that order, then one invoice per row. Optional columns
 * may be left out (the header is the biller's CRM mapping: an unmapped optional field has no
 * column); required ones may not. Bad rows are reported by line with a reason; good rows are
 * accepted (that partial acceptance is itself an assumption, recorded in the IC contract document).
 */
export interface BifInvoice {
  line: number;
  accountNumber: string;
  customerName: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  totalAmountDueCents: number;
  balanceDueCents: number;
  minimumAmountDueCents: number | null;
  allowPartialPayments: boolean;
  invoiceTypeId: number;
  pdfLink: string;
  notifyDates: [string | null, string | null, string | null];
  raw: Record<string, string>;
}

export interface BifRejection {
  line: number;
  invoiceNumber: string;
  reason: string;
}

export interface BifResult {
  /** Set when the file as a whole cannot be read (nothing accepted). */
  fileError: string | null;
  /** The header row as sent (the file's columns). */
  columns: string[];
  rowsReceived: number;
  accepted: BifInvoice[];
  rejected: BifRejection[];
}

/** Splits CSV text into records, each with the line number it starts on. */
export function parseCsv(text: string): { records: Array<{ line: number; cells: string[] }>; error: string | null } {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      atCellStart = true;
      line++;
      recordLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (quoted) return { records, error: `a quoted value that starts on line ${recordLine} is never closed` };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return { records, error: null };
}

const DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `M/D/YYYY` → `YYYY-MM-DD`, or null when not a real date. */
export function bifDate(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function bifCents(text: string): number | null {
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

function checkValue(field: IcField, value: string): string | null {
  if (value === '') return field.required ? `${field.label} (${field.key}) is required` : null;
  if (field.maxLength !== undefined && value.length > field.maxLength)
    return `${field.label} is longer than ${field.maxLength} characters`;
  switch (field.type) {
    case 'money':
      return bifCents(value) === null ? `${field.label} "${value}" is not an amount like 123.45` : null;
    case 'date':
      return bifDate(value) === null ? `${field.label} "${value}" is not a date like 3/1/2025` : null;
    case 'integer':
      return /^\d{1,9}$/.test(value) ? null : `${field.label} "${value}" is not a whole number`;
    case 'guid':
      return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(value)
        ? null
        : `${field.label} "${value}" is not a GUID`;
    case 'url':
      return /^https?:\/\/[^\s]+$/i.test(value) ? null : `${field.label} "${value}" is not an http(s) link`;
    case 'phone':
      return /^[0-9+().\-\s x]{7,20}$/.test(value) ? null : `${field.label} "${value}" is not a phone number`;
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : `${field.label} "${value}" is not an email address`;
    case 'boolean':
      return value === 'true' || value === 'false' ? null : `${field.label} "${value}" must be true or false`;
    default:
      return null;
  }
}

/** Why a header row is not a usable layout, or null: known keys, in catalog order, every required one. */
function checkHeader(header: string[]): string | null {
  const order = new Map(IC_FIELDS.map((f, i) => [f.key, i]));
  const missing = IC_FIELDS.filter((f) => f.required && !header.includes(f.key)).map((f) => f.key);
  const unknown = header.filter((k) => !order.has(k));
  if (missing.length || unknown.length) {
    return `The header row does not match the invoice file layout.${missing.length ? ` Missing: ${missing.join(', ')}.` : ''}${unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''}`;
  }
  const twice = header.find((k, i) => header.indexOf(k) !== i);
  if (twice) return `The header row does not match the invoice file layout. The column ${twice} appears twice.`;
  for (let i = 1; i < header.length; i++) {
    if (order.get(header[i]!)! < order.get(header[i - 1]!)!)
      return 'The header row does not match the invoice file layout. The columns are out of order.';
  }
  return null;
}

export function parseBif(text: string, invoiceTypeId: number): BifResult {
  const empty = (fileError: string, columns: string[] = []): BifResult => ({
    fileError,
    columns,
    rowsReceived: 0,
    accepted: [],
    rejected: [],
  });
  const body = text.replace(/^\uFEFF/, '');
  const { records, error } = parseCsv(body);
  if (records.length === 0) return empty('The file is empty: it needs a header row and at least one invoice.');
  const header = records[0]!.cells.map((c) => c.trim());
  const layoutError = checkHeader(header);
  if (layoutError) return empty(layoutError, header);
  const result: BifResult = {
    fileError: null,
    columns: header,
    rowsReceived: records.length - 1,
    accepted: [],
    rejected: [],
  };
  const seen = new Map<string, number>();
  const column = new Map(header.map((k, i) => [k, i]));
  for (const { line, cells } of records.slice(1)) {
    const invoiceNumber = (cells[column.get('invoices-invoicenumber')!] ?? '').trim();
    const reject = (reason: string) => result.rejected.push({ line, invoiceNumber, reason });
    if (cells.length !== header.length) {
      reject(`The row has ${cells.length} fields; the layout has ${header.length}.`);
      continue;
    }
    const raw: Record<string, string> = {};
    for (const f of IC_FIELDS) raw[f.key] = column.has(f.key) ? cells[column.get(f.key)!]!.trim() : '';
    const problems = IC_FIELDS.map((f) => checkValue(f, raw[f.key]!)).filter((p): p is string => p !== null);
    if (problems.length) {
      reject(`${problems.join('; ')}.`);
      continue;
    }
    if (Number(raw['invoices-invoicetypeid']) !== invoiceTypeId) {
      reject(
        `Invoice type ID ${raw['invoices-invoicetypeid']} does not match the upload's invoice type ID ${invoiceTypeId}.`,
      );
      continue;
    }
    const first = seen.get(invoiceNumber);
    if (first !== undefined) {
      reject(`Invoice number ${invoiceNumber} appears twice in this file (first on line ${first}).`);
      continue;
    }
    seen.set(invoiceNumber, line);
    const minimum = raw['invoices-minimumamountdue']!;
    const date = (k: string) => (raw[k] ? bifDate(raw[k]!) : null);
    result.accepted.push({
      line,
      accountNumber: raw['customers-accountnumber']!,
      customerName: raw['customers-customername']!,
      invoiceNumber,
      invoiceDate: bifDate(raw['invoices-invoicedate']!)!,
      dueDate: bifDate(raw['invoices-duedate']!)!,
      totalAmountDueCents: bifCents(raw['invoices-totalamountdue']!)!,
      balanceDueCents: bifCents(raw['invoices-balancedue']!)!,
      minimumAmountDueCents: minimum ? bifCents(minimum) : null,
      allowPartialPayments: raw['invoices-allowpartialpayments'] !== 'false',
      invoiceTypeId,
      pdfLink: raw['invoices-pdflink']!,
      notifyDates: [
        date('invoices-firstnotifydate'),
        date('invoices-secondnotifydate'),
        date('invoices-thirdnotifydate'),
      ],
      raw,
    });
  }
  if (error)
    result.rejected.push({
      line: records.at(-1)!.line,
      invoiceNumber: '',
      reason: `The file ends inside a quoted value: ${error}.`,
    });
  return result;
}
