/**
 * A small, valid one-page PDF (PDF 1.4, Helvetica, text only) written by hand: a bill image for
 * PDF linking without a rendering library, fast enough to serve thousands of bills.
 */
function pdfText(text: string): string {
  // PDF string literal in WinAnsi: escape the delimiters, drop what Helvetica cannot show.
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

export function renderPdf(title: string, lines: Array<[string, string]>): Buffer {
  const content: string[] = ['BT', '/F2 18 Tf', '56 760 Td', `(${pdfText(title)}) Tj`, 'ET'];
  let y = 720;
  for (const [label, value] of lines) {
    content.push('BT', '/F1 11 Tf', `56 ${y} Td`, `(${pdfText(label)}) Tj`, 'ET');
    content.push('BT', '/F2 11 Tf', `230 ${y} Td`, `(${pdfText(value)}) Tj`, 'ET');
    y -= 20;
  }
  const stream = content.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
