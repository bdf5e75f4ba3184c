import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The simulator's own XML reading and writing, written from the InvoiceCloud contract
 * (main/clients/invoicecloud/CONTRACT.md, "Transport") and not shared with the client: a bug in
 * the client's XML code must show up as a failing test, not hide on both sides of the wire.
 * Elements are matched by (namespace, local name), as an ASMX service does.
 */
export interface SimElement {
  name: string;
  namespace: string | null;
  text: string;
  elements: SimElement[];
}

export class SimXmlError extends Error {}

const reader = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // References decoded by decodeReferences below, in one pass: the parser's entity passes (a
  // regular expression per named HTML entity on every value) were most of its time on a request.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No path strings for callbacks the simulator does not use (a tenth of its reading time).
  jPath: false,
});

const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five predefined entities and character references, in one pass (no DTD, so no others). */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return PREDEFINED[name]!;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(entry: Ordered, inherited: ReadonlyMap<string, string>): SimElement {
  const tag = Object.keys(entry).find((k) => k !== ':@')!;
  const attributes = entry[':@'] ?? {};
  let scope = inherited as Map<string, string>;
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (scope === inherited) scope = new Map(inherited);
    scope.set(key === 'xmlns' ? '' : key.slice('xmlns:'.length), decodeReferences(value));
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const element: SimElement = {
    name: colon < 0 ? tag : tag.slice(colon + 1),
    namespace: scope.get(prefix) ?? null,
    text: '',
    elements: [],
  };
  for (const item of (entry[tag] as Ordered[] | undefined) ?? []) {
    if ('#text' in item) element.text += decodeReferences(String(item['#text']));
    else element.elements.push(toElement(item, scope));
  }
  return element;
}

/** Reads a request body; refuses a DOCTYPE and anything that is not one well-formed element. */
export function readXml(text: string): SimElement {
  if (/<!DOCTYPE/i.test(text)) throw new SimXmlError('For security reasons DTD is prohibited in this XML document.');
  const check = XMLValidator.validate(text);
  if (check !== true)
    throw new SimXmlError(`There is an error in XML document (${check.err.line}, ${check.err.col}): ${check.err.msg}`);
  const roots = (reader.parse(text) as Ordered[]).filter(
    (e) => !Object.keys(e).some((k) => k.startsWith('?') || k === '#text' || k === '#comment'),
  );
  if (roots.length !== 1)
    throw new SimXmlError('There is an error in XML document: it must have exactly one root element.');
  return toElement(roots[0]!, new Map());
}

export function firstChild(element: SimElement | undefined, name: string): SimElement | undefined {
  return element?.elements.find((e) => e.name === name);
}

/** Text for element content and attribute values: markup characters escaped, characters XML 1.0 cannot carry dropped. */
const PLAIN_TEXT = /^[^&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]*$/;

export function xmlText(value: string): string {
  // Most values (numbers, dates, names) need nothing escaped or dropped: returned as they are.
  if (PLAIN_TEXT.test(value)) return value;
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff)
      continue;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else out += ch;
  }
  return out;
}
