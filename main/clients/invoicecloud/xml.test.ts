import { describe, expect, it } from 'vitest';
import { child, parseXml, XmlError } from './xml';

const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const IC = 'https://www.invoicecloud.com/portal/webservices/CloudManagement/';

function reason(text: string): string {
  try {
    parseXml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlError);
    return (error as Error).message;
  }
  throw new Error('expected the XML to be refused');
}

describe('the one-pass SOAP XML reader', () => {
  it('resolves namespaces per element, reads text trimmed with entities and character references', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="utf-8"?>\n<!-- IIS --><s:Envelope xmlns:s="${S12}" xmlns:xsi="x"><s:Body>` +
        `<R xmlns="${IC}"><Result><Name> O&apos;Brien &amp; Sons &#233;&#x41; </Name><Empty/><Empty2 a='1' b="2"></Empty2>` +
        `<Note><![CDATA[<b>raw</b>]]></Note><p:Other xmlns:p="urn:p">x</p:Other></Result></R></s:Body></s:Envelope>`,
    );
    expect(root).toMatchObject({ local: 'Envelope', ns: S12 });
    const result = child(child(child(root, 'Body'), 'R'), 'Result')!;
    expect(child(child(root, 'Body'), 'R')!.ns).toBe(IC);
    expect(child(result, 'Name')).toMatchObject({ text: "O'Brien & Sons éA", ns: IC, children: [] });
    expect(child(result, 'Empty')).toMatchObject({ text: '', ns: IC });
    expect(child(result, 'Empty2')).toMatchObject({ text: '', ns: IC });
    expect(child(result, 'Note')!.text).toBe('<b>raw</b>');
    expect(child(result, 'Other')).toMatchObject({ ns: 'urn:p', text: 'x' });
  });

  it('an element with an unknown prefix has no namespace (the caller then refuses it)', () => {
    expect(parseXml('<q:Envelope><q:Body/></q:Envelope>').ns).toBeNull();
  });

  it.each([
    ['<a><b>text</b>', /<a> not closed \(the XML ends first\)/],
    ['<a><b>text</a>', /<\/a> where <\/b> was expected/],
    ['<a>1 & 2</a>', /an '&' that starts no entity/],
    ['<a>&nbsp;</a>', /the entity &nbsp; that XML does not define/],
    ['<a>&#0;</a>', /no character/],
    ['<a x=1/>', /without quotes/],
    ['<a x="1" x="2"/>', /the attribute x twice/],
    ['<a x="<"/>', /a '<' in the attribute x/],
    ['<a/><b/>', /a second root element/],
    ['junk<a/>', /text outside the root element/],
    ['<a/>junk', /text outside the root element/],
    ['<a><!-- open', /a comment that does not end/],
    ['<a><', /a '<' that starts no tag/],
    ['<a', /the tag <a that does not end/],
    ['<a b', /the attribute b without a value/],
    ['', /no root element/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /DOCTYPE/],
  ])('refuses %j clearly', (text, why) => {
    expect(reason(text)).toMatch(why);
  });

  it('names the line of the fault', () => {
    expect(reason('<a>\n<b>\n</c></a>')).toMatch(/at line 3\)$/);
  });
});
