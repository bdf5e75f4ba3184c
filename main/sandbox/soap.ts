import { firstChild as child, readXml, SimXmlError, xmlText, type SimElement } from './xml';
import { serviceNamespace, type IcOperation, type IcService, type XField } from './ic-operations';
import type { Reply } from './http-server';

/** The simulator's side of SOAP: read a request envelope, write a result or a fault. */
export type SoapVersion = '1.1' | '1.2';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A request the service will not process: answered as HTTP 500 with a SOAP Fault. */
export class SoapFault extends Error {
  constructor(
    readonly code: 'Sender' | 'Receiver' | 'VersionMismatch',
    message: string,
  ) {
    super(message);
  }
}

/** Request values by field name; lists are arrays of records (or of strings). */
export type SoapValues = Record<string, string | Array<Record<string, string> | string>>;

export interface SoapRequest {
  version: SoapVersion;
  operation: IcOperation;
  values: SoapValues;
}

function readFields(node: SimElement | undefined, fields: XField[]): SoapValues {
  const values: SoapValues = {};
  for (const f of fields) {
    const el = child(node, f.name);
    if ('type' in f) {
      if (el) values[f.name] = el.text;
      continue;
    }
    values[f.name] = (el?.elements ?? [])
      .filter((c) => c.name === f.item)
      .map((item) => (f.fields ? (readFields(item, f.fields) as Record<string, string>) : item.text));
  }
  return values;
}

/**
 * Reads a SOAP request for `service`. The version comes from the Content-Type; SOAP 1.1 needs a
 * SOAPAction naming the same operation as the body.
 */
export function readSoapRequest(
  service: IcService,
  body: string,
  contentType: string,
  soapAction: string | undefined,
  operations: readonly IcOperation[],
): SoapRequest {
  const version: SoapVersion = /application\/soap\+xml/i.test(contentType) ? '1.2' : '1.1';
  if (version === '1.1' && !/text\/xml/i.test(contentType)) {
    throw new SoapFault(
      'Sender',
      `Unsupported content type "${contentType}". Use application/soap+xml (SOAP 1.2) or text/xml (SOAP 1.1).`,
    );
  }
  let root: SimElement;
  try {
    root = readXml(body);
  } catch (error) {
    throw new SoapFault(
      'Sender',
      `Server was unable to read request. ---> ${error instanceof SimXmlError ? error.message : 'There is an error in XML document.'}`,
    );
  }
  const envNs = version === '1.2' ? SOAP12_NS : SOAP11_NS;
  if (root.name !== 'Envelope')
    throw new SoapFault('Sender', 'Server was unable to read request. ---> The root element is not a SOAP Envelope.');
  if (root.namespace !== envNs)
    throw new SoapFault(
      'VersionMismatch',
      `Possible SOAP version mismatch: Envelope namespace ${root.namespace ?? '(none)'} was unexpected. Expecting ${envNs}.`,
    );
  const bodyEl = child(root, 'Body');
  const call = bodyEl?.elements[0];
  if (!call) throw new SoapFault('Sender', 'Server was unable to read request. ---> The SOAP Body is empty.');
  const ns = serviceNamespace(service);
  const operation = operations.find((op) => op.service === service && op.name === call.name);
  if (!operation || call.namespace !== ns)
    throw new SoapFault('Sender', `Server did not recognize the value of HTTP Header SOAPAction: ${ns}${call.name}.`);
  if (version === '1.1') {
    const action = (soapAction ?? '').replace(/^"|"$/g, '');
    if (action !== `${ns}${operation.name}`)
      throw new SoapFault('Sender', `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`);
  }
  const container = operation.wrapped ? child(call, 'Req') : call;
  if (!container)
    throw new SoapFault(
      'Sender',
      `Server was unable to read request. ---> ${operation.name} expects its fields inside <Req>.`,
    );
  return { version, operation, values: readFields(container, operation.request) };
}

export type ResultValue = string | number | boolean | null | undefined | Array<Record<string, ResultValue> | string>;

/** How to write a result: `sparse` leaves out any missing field, every empty string and every empty list. */
export interface WriteOptions {
  sparse?: boolean;
}

function writeFields(fields: XField[], values: Record<string, ResultValue>, options: WriteOptions): string {
  let out = '';
  for (const f of fields) {
    const v = values[f.name];
    if ('type' in f) {
      if (v === undefined || v === null) {
        if (f.type === 'string' || f.type === 'base64Binary' || options.sparse) continue; // minOccurs=0
        throw new Error(`result field ${f.name} is missing`);
      }
      if (options.sparse && v === '') continue;
      out += `<${f.name}>${xmlText(String(v))}</${f.name}>`;
      continue;
    }
    const items = Array.isArray(v) ? v : [];
    if (options.sparse && items.length === 0) continue;
    out += `<${f.name}>`;
    for (const item of items) {
      out +=
        typeof item === 'string' || !f.fields
          ? `<${f.item}>${xmlText(String(item))}</${f.item}>`
          : `<${f.item}>${writeFields(f.fields, item as Record<string, ResultValue>, options)}</${f.item}>`;
    }
    out += `</${f.name}>`;
  }
  return out;
}

function envelope(version: SoapVersion, inner: string): string {
  const ns = version === '1.2' ? SOAP12_NS : SOAP11_NS;
  const prefix = version === '1.2' ? 'soap12' : 'soap';
  return `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;
}

export function contentTypeFor(version: SoapVersion): string {
  return version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}

export function soapResult(
  version: SoapVersion,
  operation: IcOperation,
  values: Record<string, ResultValue>,
  options: WriteOptions = {},
): Reply {
  const ns = serviceNamespace(operation.service);
  const inner = `<${operation.name}Response xmlns="${ns}"><${operation.name}Result>${writeFields(operation.response, values, options)}</${operation.name}Result></${operation.name}Response>`;
  return { status: 200, headers: { 'content-type': contentTypeFor(version) }, body: envelope(version, inner) };
}

/** The ASMX "HTTP POST" answer: the result element alone. */
export function plainResult(
  operation: IcOperation,
  values: Record<string, ResultValue>,
  options: WriteOptions = {},
): Reply {
  const ns = serviceNamespace(operation.service);
  return {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="utf-8"?><${operation.name}Result xmlns="${ns}">${writeFields(operation.response, values, options)}</${operation.name}Result>`,
  };
}

export function soapFault(version: SoapVersion, code: SoapFault['code'], reason: string): Reply {
  const text = xmlText(reason);
  const inner =
    version === '1.2'
      ? `<soap12:Fault><soap12:Code><soap12:Value>soap12:${code}</soap12:Value></soap12:Code><soap12:Reason><soap12:Text xml:lang="en">${text}</soap12:Text></soap12:Reason><soap12:Detail /></soap12:Fault>`
      : `<soap:Fault><faultcode>soap:${code === 'Sender' ? 'Client' : code === 'Receiver' ? 'Server' : 'VersionMismatch'}</faultcode><faultstring>${text}</faultstring><detail /></soap:Fault>`;
  return { status: 500, headers: { 'content-type': contentTypeFor(version) }, body: envelope(version, inner) };
}
