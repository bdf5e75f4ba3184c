import { describe, expect, it } from 'vitest';
import { child, decodeReferences, parseXml } from './xml';

describe('parseXml: references', () => {
  it('decodes the five predefined entities and character references, once', () => {
    const root = parseXml(
      '<a><n>Jane &amp; Joe&apos;s &quot;caf&#233;&#xE9;&quot; &lt;b&gt;</n><m>&amp;#233; &amp;amp;</m><e>&#x1F600;</e></a>',
    );
    expect(child(root, 'n')!.text).toBe('Jane & Joe\'s "caféé" <b>');
    // An escaped ampersand stays text: never decoded a second time.
    expect(child(root, 'm')!.text).toBe('&#233; &amp;');
    expect(child(root, 'e')!.text).toBe('\u{1F600}');
  });

  it('takes CDATA as written', () => {
    const root = parseXml('<a><c><![CDATA[R&amp;D <x> &#233;]]></c></a>');
    expect(child(root, 'c')!.text).toBe('R&amp;D <x> &#233;');
  });

  it('leaves references to characters XML cannot carry, and unknown names, as written', () => {
    expect(decodeReferences('&#0; &#xD800; &#x110000; &nbsp; & plain')).toBe('&#0; &#xD800; &#x110000; &nbsp; & plain');
  });

  it('decodes references in namespace declarations', () => {
    const root = parseXml('<p:a xmlns:p="urn:x&amp;y"><p:b/></p:a>');
    expect(root.ns).toBe('urn:x&y');
  });
});
