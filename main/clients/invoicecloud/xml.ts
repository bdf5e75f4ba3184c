import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Minimal, safe XML reading for SOAP: no DTDs (rejected before parsing, so no entity can ever be
 * expanded), well-formedness checked first (a truncated body is an error, never half a result),
 * and namespaces resolved so callers match on (namespace, local name).
 */
export interface XNode {
  local: string;
  ns: string | null;
  text: string;
  children: XNode[];
}

export class XmlError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // References are decoded once, by decodeReferences below: the parser's entity passes (a regular
  // expression per named HTML entity, on every value) were 60% of its time on an IC answer.
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CDATA apart, so its text is taken as written (no reference in it is decoded).
  cdataPropName: '#cdata',
  // The parser's ordered form, read straight into XNodes: its object form (grouping siblings by
  // name, then regrouped here) cost 2.4 times as much on a page of 1,000 balances.
  preserveOrder: true,
  // No path strings for callbacks we do not use.
  jPath: false,
});

export function hasDoctype(text: string): boolean {
  return /<!DOCTYPE/i.test(text);
}

/** One item of the parser's ordered form: `{ tag: [items] , ':@'?: attributes }`, `{ '#text': … }` or `{ '#cdata': [{ '#text': … }] }`. */
type Item = Record<string, unknown>;

function tagOf(item: Item): string | null {
  for (const key in item) if (key !== ':@') return key;
  return null;
}

const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML's references in one pass, so `&amp;#233;` stays the text `&#233;`: the five predefined
 * entities and character references (decimal and hex). A character reference to a code point XML
 * cannot carry is left as written. No other named entity exists without a DTD, and DTDs are refused.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return PREDEFINED[name]!;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
      const legal =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      return legal ? String.fromCodePoint(code) : whole;
    },
  );
}

function build(
  name: string,
  items: Item[],
  attributes: Record<string, unknown> | undefined,
  scope: Map<string, string>,
): XNode {
  const colon = name.indexOf(':');
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  let here = scope;
  if (attributes) {
    for (const k in attributes) {
      if (k === '@_xmlns' || k.startsWith('@_xmlns:')) {
        if (here === scope) here = new Map(scope);
        here.set(k === '@_xmlns' ? '' : k.slice(8), decodeReferences(String(attributes[k])));
      }
    }
  }
  const node: XNode = { local, ns: here.get(prefix) ?? null, text: '', children: [] };
  for (const item of items) {
    const tag = tagOf(item);
    if (tag === '#text') node.text += decodeReferences(String(item[tag]));
    else if (tag === '#cdata') node.text += (item[tag] as Item[]).map((t) => String(t['#text'] ?? '')).join('');
    else if (tag !== null) node.children.push(build(tag, item[tag] as Item[], item[':@'] as Item | undefined, here));
  }
  return node;
}

/** Parses a document and returns its root element. Throws XmlError with a short reason. */
export function parseXml(text: string): XNode {
  if (hasDoctype(text)) throw new XmlError('the XML contains a DOCTYPE, which SOAP forbids');
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new XmlError(`the XML is not well formed (${valid.err.msg.replace(/\.$/, '')} at line ${valid.err.line})`);
  let doc: Item[];
  try {
    doc = parser.parse(text) as Item[];
  } catch (error) {
    throw new XmlError(`the XML cannot be read (${(error as Error).message})`);
  }
  const roots = doc.filter((item) => {
    const tag = tagOf(item);
    return tag !== null && !tag.startsWith('?') && !tag.startsWith('#');
  });
  if (roots.length === 0) throw new XmlError('the XML has no single root element');
  if (roots.length > 1) throw new XmlError('the XML has more than one root element');
  const root = roots[0]!;
  const name = tagOf(root)!;
  return build(name, root[name] as Item[], root[':@'] as Item | undefined, new Map());
}

export function child(node: XNode | undefined, local: string): XNode | undefined {
  return node?.children.find((c) => c.local === local);
}

export function childrenNamed(node: XNode | undefined, local: string): XNode[] {
  return node ? node.children.filter((c) => c.local === local) : [];
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );
}

/** Removes characters XML 1.0 cannot carry at all (control characters other than tab/CR/LF). */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
