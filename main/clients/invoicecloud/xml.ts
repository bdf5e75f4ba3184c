/**
 * Minimal, safe XML reading for SOAP, in one pass: no DTDs (rejected before reading, so no entity
 * can ever be expanded), every rule of well-formedness that matters checked while the tree is built
 * (a truncated or broken body is an error, never half a result), and namespaces resolved so
 * callers match on (namespace, local name). Only the five entities XML itself defines and character
 * references are read; any other entity is an error (IC answers come from .NET, which writes no
 * other). This replaced fast-xml-parser, whose validation pass, parse and our walk of its result
 * were three passes where one does (the IC client's CPU per call: README, "Performance").
 */
export interface XNode {
  local: string;
  ns: string | null;
  text: string;
  children: XNode[];
}

export class XmlError extends Error {}

export function hasDoctype(text: string): boolean {
  return /<!DOCTYPE/i.test(text);
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([A-Za-z_][\w.\-]*))?(;?)/g;
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function malformed(text: string, at: number, what: string): XmlError {
  return new XmlError(`the XML is not well formed (${what} at line ${lineOf(text, at)})`);
}

/** Entity and character references replaced; a bare & or an unknown entity is an error. */
function decode(raw: string, text: string, at: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi) => {
      if (!semi || (!dec && !hex && !name)) throw malformed(text, at, "an '&' that starts no entity");
      if (name !== undefined) {
        const value = XML_ENTITIES[name];
        if (value === undefined) throw malformed(text, at, `the entity &${name}; that XML does not define`);
        return value;
      }
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
        throw malformed(text, at, `the character reference ${whole}, which is no character`);
      return String.fromCodePoint(code);
    },
  );
}

interface Open {
  name: string;
  node: XNode;
  scope: Map<string, string>;
}

/** Parses a document and returns its root element. Throws XmlError with a short reason. */
export function parseXml(text: string): XNode {
  if (hasDoctype(text)) throw new XmlError('the XML contains a DOCTYPE, which SOAP forbids');
  const stack: Open[] = [];
  let root: XNode | null = null;
  let top: Open | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) {
      const raw = text.slice(i, stop).trim();
      if (raw) {
        if (!top) throw malformed(text, i, 'text outside the root element');
        top.node.text += decode(raw, text, i);
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) throw malformed(text, lt, 'a processing instruction that does not end');
      i = close + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) throw malformed(text, lt, 'a comment that does not end');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0) throw malformed(text, lt, 'a CDATA section that does not end');
        if (!top) throw malformed(text, lt, 'a CDATA section outside the root element');
        top.node.text += text.slice(lt + 9, close).trim();
        i = close + 3;
      } else throw malformed(text, lt, "a '<!' that is neither a comment nor CDATA");
      continue;
    }
    if (next === 0x2f /* / */) {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(text);
      if (!m) throw malformed(text, lt, 'a closing tag without a name');
      SPACE.lastIndex = NAME.lastIndex;
      SPACE.exec(text);
      if (text.charCodeAt(SPACE.lastIndex) !== 0x3e /* > */)
        throw malformed(text, lt, `a closing tag </${m[0]} that does not end`);
      if (!top || top.name !== m[0])
        throw malformed(
          text,
          lt,
          top ? `</${m[0]}> where </${top.name}> was expected` : `</${m[0]}> that closes nothing`,
        );
      stack.pop();
      top = stack[stack.length - 1];
      i = SPACE.lastIndex + 1;
      continue;
    }
    // An opening tag: its name, its attributes (only xmlns ones are kept), then > or />.
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(text);
    if (!m) throw malformed(text, lt, "a '<' that starts no tag");
    const name = m[0];
    let j = NAME.lastIndex;
    let scope = top ? top.scope : new Map<string, string>();
    let own = false;
    let seen: string[] | null = null;
    let selfClosing = false;
    for (;;) {
      SPACE.lastIndex = j;
      SPACE.exec(text);
      const spaced = SPACE.lastIndex > j;
      j = SPACE.lastIndex;
      const ch = text.charCodeAt(j);
      if (ch === 0x3e /* > */) {
        j++;
        break;
      }
      if (ch === 0x2f /* / */ && text.charCodeAt(j + 1) === 0x3e) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (j >= n) throw malformed(text, lt, `the tag <${name} that does not end`);
      NAME.lastIndex = j;
      const a = spaced ? NAME.exec(text) : null;
      if (!a) throw malformed(text, j, `an unexpected character in the tag <${name}>`);
      const attr = a[0];
      if ((seen ??= []).includes(attr)) throw malformed(text, j, `the attribute ${attr} twice in <${name}>`);
      seen.push(attr);
      SPACE.lastIndex = NAME.lastIndex;
      SPACE.exec(text);
      j = SPACE.lastIndex;
      if (text.charCodeAt(j) !== 0x3d /* = */) throw malformed(text, j, `the attribute ${attr} without a value`);
      SPACE.lastIndex = j + 1;
      SPACE.exec(text);
      j = SPACE.lastIndex;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") throw malformed(text, j, `the attribute ${attr} without quotes`);
      const close = text.indexOf(quote, j + 1);
      if (close < 0) throw malformed(text, j, `the attribute ${attr} whose value does not end`);
      const raw = text.slice(j + 1, close);
      if (raw.includes('<')) throw malformed(text, j, `a '<' in the attribute ${attr}`);
      const value = decode(raw, text, j);
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
        if (!own) {
          scope = new Map(scope);
          own = true;
        }
        scope.set(attr === 'xmlns' ? '' : attr.slice(6), value);
      }
      j = close + 1;
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const node: XNode = {
      local: colon < 0 ? name : name.slice(colon + 1),
      ns: scope.get(prefix) ?? null,
      text: '',
      children: [],
    };
    if (top) top.node.children.push(node);
    else if (root) throw malformed(text, lt, 'a second root element');
    else root = node;
    if (!selfClosing) {
      top = { name, node, scope };
      stack.push(top);
    }
    i = j;
  }
  if (top) throw malformed(text, n, `<${top.name}> not closed (the XML ends first)`);
  if (!root) throw new XmlError('the XML has no root element');
  return root;
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
