import type { Redactor } from '../../ground/logger';
import { clientError, type ClientError } from '../errors';
import type { SoapVersion } from './types';
import { parseIcBoolean, parseIcDate, parseIcInteger, parseMoneyCents, type IcDateTime } from './values';
import { child, escapeXml, hasDoctype, parseXml, xmlSafe, XmlError, type XNode } from './xml';

/** Building IC requests and reading IC answers: the SOAP rules in one place. */
export const IC_NS_BASE = 'https://www.invoicecloud.com/portal/webservices/';
export type IcService = 'CloudInvoicing' | 'CloudManagement';
export const icNamespace = (service: IcService) => `${IC_NS_BASE}${service}/`;
export const icPath = (service: IcService) => `/portal/webservices/${service}.asmx`;

const ENVELOPE_NS: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

/** A request field: a value, or a list written as <Name><Item>…</Item></Name>. */
export type RequestField =
  | [name: string, value: string | number | boolean]
  | [name: string, list: { item: string; rows: Array<Array<[string, string]>> | string[] }];

function writeFields(fields: RequestField[]): string {
  return fields
    .map(([name, value]) => {
      if (typeof value === 'object') {
        const inner = value.rows
          .map((row) =>
            typeof row === 'string'
              ? `<${value.item}>${escapeXml(xmlSafe(row))}</${value.item}>`
              : `<${value.item}>${row.map(([k, v]) => `<${k}>${escapeXml(xmlSafe(v))}</${k}>`).join('')}</${value.item}>`,
          )
          .join('');
        return `<${name}>${inner}</${name}>`;
      }
      return `<${name}>${escapeXml(xmlSafe(String(value)))}</${name}>`;
    })
    .join('');
}

export function buildEnvelope(
  version: SoapVersion,
  service: IcService,
  operation: string,
  wrapped: boolean,
  fields: RequestField[],
): { body: string; headers: Record<string, string> } {
  const ns = icNamespace(service);
  const inner = wrapped ? `<Req>${writeFields(fields)}</Req>` : writeFields(fields);
  const prefix = version === '1.2' ? 'soap12' : 'soap';
  const body = `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${ENVELOPE_NS[version]}"><${prefix}:Body><${operation} xmlns="${ns}">${inner}</${operation}></${prefix}:Body></${prefix}:Envelope>`;
  const headers: Record<string, string> =
    version === '1.2'
      ? { 'content-type': 'application/soap+xml; charset=utf-8' }
      : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ns}${operation}"` };
  return { body, headers };
}

const AUTH_WORDS =
  /BillerGUID|WebServiceKey|web service key|authenticat|not authori[sz]ed|access denied|invalid key|invalid credentials/i;

/** Maps a SOAP fault to our taxonomy: auth words → IC_AUTH; sender → IC_PROTOCOL; receiver → IC_TRANSIENT. */
function faultError(
  fault: XNode,
  version: SoapVersion,
  operation: string,
  status: number,
  redactor: Redactor,
): ClientError {
  let code: string;
  let reason: string;
  if (version === '1.2') {
    code = child(child(fault, 'Code'), 'Value')?.text ?? '';
    reason = child(child(fault, 'Reason'), 'Text')?.text ?? '';
  } else {
    code = child(fault, 'faultcode')?.text ?? '';
    reason = child(fault, 'faultstring')?.text ?? '';
  }
  const local = code.includes(':') ? code.slice(code.indexOf(':') + 1) : code;
  const said = reason ? `"${reason}"` : '(no reason given)';
  if (AUTH_WORDS.test(reason))
    return clientError(
      'InvoiceCloud',
      operation,
      'AUTH',
      `InvoiceCloud rejected the biller GUID or web service key (fault ${said}). Check both in the biller's settings.`,
      redactor,
      { status },
    );
  if (/^(Sender|Client|VersionMismatch|MustUnderstand)/i.test(local))
    return clientError(
      'InvoiceCloud',
      operation,
      'PROTOCOL',
      `InvoiceCloud refused the request as malformed (fault ${local}: ${said}).`,
      redactor,
      { status },
    );
  return clientError(
    'InvoiceCloud',
    operation,
    'TRANSIENT',
    `InvoiceCloud failed while processing the request (fault ${local || 'Server'}: ${said}). It may succeed if tried again.`,
    redactor,
    { status },
  );
}

/**
 * Reads an answer: returns the <OperationResult> element, or throws the right ClientError
 * (fault on any status, a non-SOAP answer, a truncated body, a missing result).
 */
export function readSoapAnswer(
  version: SoapVersion,
  service: IcService,
  operation: string,
  status: number,
  text: string,
  redactor: Redactor,
): XNode {
  const fail = (kind: 'PROTOCOL' | 'TRANSIENT', detail: string, retryable?: boolean) =>
    clientError('InvoiceCloud', operation, kind, detail, redactor, {
      status,
      ...(retryable !== undefined ? { retryable } : {}),
    });
  if (hasDoctype(text)) throw fail('PROTOCOL', 'the answer contains a DOCTYPE, which SOAP forbids; it was not read.');
  let root: XNode;
  try {
    root = parseXml(text);
  } catch (error) {
    const why = error instanceof XmlError ? error.message : 'unreadable XML';
    if (status >= 500)
      throw fail('TRANSIENT', `InvoiceCloud answered HTTP ${status} without a readable SOAP fault (${why}).`);
    if (status !== 200)
      throw fail(
        'PROTOCOL',
        `InvoiceCloud answered HTTP ${status} with a body that is not SOAP (${why}). Check the InvoiceCloud host.`,
      );
    throw fail('PROTOCOL', `the answer is not a complete SOAP message (${why}); it may have been cut short.`, true);
  }
  if (root.local !== 'Envelope') {
    if (status >= 500)
      throw fail('TRANSIENT', `InvoiceCloud answered HTTP ${status} with <${root.local}> instead of a SOAP fault.`);
    throw fail('PROTOCOL', `the answer is <${root.local}>, not a SOAP Envelope. Check the InvoiceCloud host.`);
  }
  if (root.ns !== ENVELOPE_NS[version])
    throw fail(
      'PROTOCOL',
      `the answer is a SOAP ${root.ns === ENVELOPE_NS['1.1'] ? '1.1' : root.ns === ENVELOPE_NS['1.2'] ? '1.2' : 'unknown-version'} envelope to a SOAP ${version} request.`,
    );
  const body = child(root, 'Body');
  const fault = child(body, 'Fault');
  if (fault) throw faultError(fault, version, operation, status, redactor);
  if (status >= 500) throw fail('TRANSIENT', `InvoiceCloud answered HTTP ${status} without a SOAP fault.`);
  if (status !== 200) throw fail('PROTOCOL', `InvoiceCloud answered HTTP ${status}.`);
  const response = child(body, `${operation}Response`);
  if (!response || response.ns !== icNamespace(service))
    throw fail('PROTOCOL', `the answer has no ${operation}Response in namespace ${icNamespace(service)}.`);
  const result = child(response, `${operation}Result`);
  if (!result) throw fail('PROTOCOL', `the answer has no ${operation}Result.`);
  return result;
}

/** Typed, checked reading of result fields; any bad value is a clear IC_PROTOCOL error. */
export class FieldReader {
  constructor(
    private readonly node: XNode,
    private readonly operation: string,
    private readonly redactor: Redactor,
    private readonly where = '',
  ) {}

  private bad(name: string, problem: string): ClientError {
    return clientError(
      'InvoiceCloud',
      this.operation,
      'PROTOCOL',
      `the answer's ${this.where}${name} ${problem}.`,
      this.redactor,
    );
  }

  has(name: string): boolean {
    return child(this.node, name) !== undefined;
  }

  /** Strings may be absent (ASMX omits null strings): absent reads as ''. */
  str(name: string): string {
    return child(this.node, name)?.text ?? '';
  }

  private required(name: string): string {
    const el = child(this.node, name);
    if (!el) throw this.bad(name, 'is missing');
    return el.text;
  }

  bool(name: string): boolean {
    const raw = this.required(name);
    const v = parseIcBoolean(raw);
    if (v === undefined) throw this.bad(name, `"${raw}" is not true or false`);
    return v;
  }

  int(name: string): number {
    const raw = this.required(name);
    const v = parseIcInteger(raw);
    if (v === undefined) throw this.bad(name, `"${raw}" is not a whole number`);
    return v;
  }

  cents(name: string): number {
    const raw = this.required(name);
    const v = parseMoneyCents(raw);
    if (v === undefined) throw this.bad(name, `"${raw}" is not an amount like 123.45`);
    return v;
  }

  date(name: string): IcDateTime | null {
    const raw = this.str(name);
    const v = parseIcDate(raw);
    if (v === undefined) throw this.bad(name, `"${raw}" is not a date like 3/1/2025 12:00:00 AM`);
    return v;
  }

  requiredDate(name: string): IcDateTime {
    const v = this.date(name);
    if (v === null) throw this.bad(name, 'is empty (no date) where a date is required');
    return v;
  }

  /** Items of a list element (absent list = empty). */
  list(name: string, item: string): FieldReader[] {
    const el = child(this.node, name);
    if (!el) return [];
    return el.children
      .filter((c) => c.local === item)
      .map((c, i) => new FieldReader(c, this.operation, this.redactor, `${this.where}${item} ${i + 1}: `));
  }

  strings(name: string, item: string): string[] {
    const el = child(this.node, name);
    return el ? el.children.filter((c) => c.local === item).map((c) => c.text) : [];
  }
}
