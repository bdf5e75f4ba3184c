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
});

export function hasDoctype(text: string): boolean {
  return /<!DOCTYPE/i.test(text);
}

type Raw = string | Record<string, unknown>;

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

function build(name: string, raw: Raw, scope: Map<string, string>): XNode {
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
  let here = scope;
  const node: XNode = { local, ns: null, text: '', children: [] };
  if (typeof raw === 'object' && raw !== null) {
    for (const [k, v] of Object.entries(raw)) {
      if (k === '@_xmlns' || k.startsWith('@_xmlns:')) {
        if (here === scope) here = new Map(scope);
        here.set(k === '@_xmlns' ? '' : k.slice(8), decodeReferences(String(v)));
      }
    }
    for (const [k, v] of Object.entries(raw)) {
      if (k === '#text') node.text = decodeReferences(String(v)) + node.text;
      else if (k === '#cdata') node.text += (Array.isArray(v) ? v : [v]).map(String).join('');
      else if (k.startsWith('@_')) continue;
      else for (const item of Array.isArray(v) ? v : [v]) node.children.push(build(k, item as Raw, here));
    }
  } else {
    node.text = raw === undefined || raw === null ? '' : decodeReferences(String(raw));
  }
  node.ns = here.get(prefix) ?? null;
  return node;
}

/** Parses a document and returns its root element. Throws XmlError with a short reason. */
export function parseXml(text: string): XNode {
  if (hasDoctype(text)) throw new XmlError('the XML contains a DOCTYPE, which SOAP forbids');
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new XmlError(`the XML is not well formed (${valid.err.msg.replace(/\.$/, '')} at line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new XmlError(`the XML cannot be read (${(error as Error).message})`);
  }
  const roots = Object.entries(doc).filter(([k]) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith('@_'));
  if (roots.length !== 1) throw new XmlError('the XML has no single root element');
  const [name, raw] = roots[0]!;
  if (Array.isArray(raw)) throw new XmlError('the XML has more than one root element');
  return build(name, raw as Raw, new Map());
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
