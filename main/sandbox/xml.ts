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
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(entry: Ordered, inherited: ReadonlyMap<string, string>): SimElement {
  const tag = Object.keys(entry).find((k) => k !== ':@')!;
  const attributes = entry[':@'] ?? {};
  const scope = new Map(inherited);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice('xmlns:'.length), value);
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
    if ('#text' in item) element.text += String(item['#text']);
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
export function xmlText(value: string): string {
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
