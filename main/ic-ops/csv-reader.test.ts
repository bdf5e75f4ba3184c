import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectLayout, previewRows, readCsvRows, validateValue, type BatchKind, type CsvLayout } from './csv-reader';

async function all(source: string | NodeJS.ReadableStream, layout: CsvLayout, kind: BatchKind = 'accounts') {
  const rows = [];
  for await (const row of readCsvRows(source, layout, kind)) rows.push(row);
  return rows;
}

describe('detectLayout', () => {
  it('finds a named header and its column among several', () => {
    const text = 'Name,Account Number,Balance\nAda Lovelace,0012345-01,12.00\nAlan Turing,0012346-01,0.00\n';
    expect(detectLayout(text, 'accounts')).toEqual({
      delimiter: ',',
      hasHeader: true,
      column: 1,
      columns: ['Name', 'Account Number', 'Balance'],
    });
  });

  it('detects semicolon, tab and pipe delimiters', () => {
    expect(detectLayout('InvoiceNumber;Amount\n2503-0012345;1,50\n2503-0012346;2,00\n', 'invoices')).toMatchObject({
      delimiter: ';',
      hasHeader: true,
      column: 0,
    });
    expect(detectLayout('acct\tname\n0012345-01\tA\n0012346-01\tB\n', 'accounts')).toMatchObject({
      delimiter: '\t',
      hasHeader: true,
      column: 0,
    });
    expect(detectLayout('x|0012345-01\ny|0012346-01\n', 'accounts')).toMatchObject({
      delimiter: '|',
      hasHeader: false,
      column: 1,
    });
  });

  it('takes a one-column file without a header as numbers from the first line', () => {
    expect(detectLayout('0012345-01\n0012346-01\n', 'accounts')).toEqual({
      delimiter: ',',
      hasHeader: false,
      column: 0,
      columns: ['Column 1'],
    });
  });

  it('sees an unknown header word above numbers as a header', () => {
    expect(detectLayout('Ref\n0012345-01\n', 'accounts')).toMatchObject({
      hasHeader: true,
      column: 0,
      columns: ['Ref'],
    });
  });

  it('is not misled by commas inside quoted fields of a semicolon file', () => {
    const text = 'Account;Name\n0012345-01;"Smith, John"\n0012346-01;"Doe, Jane"\n';
    expect(detectLayout(text, 'accounts')).toMatchObject({ delimiter: ';', hasHeader: true, column: 0 });
  });
});

describe('readCsvRows', () => {
  const layout: CsvLayout = { delimiter: ',', hasHeader: true, column: 1, columns: ['Name', 'Account'] };

  it('reads quoted fields, a quoted newline, a BOM and CRLF line ends, with file line numbers', async () => {
    const text =
      '\uFEFFName,Account\r\n"Smith, John",0012345-01\r\n"Two\nlines","0012346-01"\r\n\r\nPlain,"0012347-01"\r\n';
    expect(await all(text, layout)).toEqual([
      { line: 2, value: '0012345-01', error: null },
      { line: 3, value: '0012346-01', error: null },
      { line: 6, value: '0012347-01', error: null },
    ]);
  });

  it('reports bad rows with their line and a reason, and goes on', async () => {
    const text = [
      'Name,Account',
      'A,0012345-01',
      'B,',
      'C,has space',
      'D',
      'E,0012346-01"x',
      'G,"0012348-01"x',
      'F,0012347-01',
      'H,"0012349-01',
    ].join('\n');
    // An unreadable record is reported when csv-parse skips it, which may be before earlier rows arrive.
    const rows = (await all(text, layout)).sort((a, b) => a.line - b.line);
    expect(rows.map((r) => [r.line, r.value, r.error === null])).toEqual([
      [2, '0012345-01', true],
      [3, '', false],
      [4, 'has space', false],
      [5, '', false],
      [6, '0012346-01"x', false],
      [7, '"0012348-01"x', false],
      [8, '0012347-01', true],
      [9, '', false],
    ]);
    expect(rows[1]!.error).toBe('The account number is empty. Fill it in or delete the line.');
    expect(rows[3]!.error).toBe('The line has 1 column; the number is expected in column 2.');
    expect(rows[7]!.error).toBe(
      'The line cannot be read as CSV (a quote opens and never closes). Fix the quotes on line 9 or remove it.',
    );
    expect(rows[4]!.error).toMatch(/is not an account number/);
  });

  it('streams a large file from a stream without a header', async () => {
    const n = 20_000;
    async function* chunks() {
      for (let i = 0; i < n; i += 1000)
        yield Array.from({ length: 1000 }, (_, j) => `${String(i + j).padStart(7, '0')}-01`).join('\n') + '\n';
    }
    let count = 0;
    let last = 0;
    for await (const row of readCsvRows(
      Readable.from(chunks()),
      { delimiter: ',', hasHeader: false, column: 0, columns: ['Column 1'] },
      'accounts',
    )) {
      expect(row.error).toBeNull();
      count++;
      last = row.line;
    }
    expect(count).toBe(n);
    expect(last).toBe(n);
  });
});

describe('validateValue and previewRows', () => {
  it('says what is wrong with a value', () => {
    expect(validateValue('2503-0012345', 'invoices')).toBeNull();
    expect(validateValue('a b', 'invoices')).toBe(
      '"a b" is not an invoice number: use letters, digits and - _ . / only, without spaces.',
    );
    expect(validateValue('x'.repeat(41), 'invoices')).toMatch(/longer than 40 characters/);
  });

  it('previews the first data rows', () => {
    const text = 'Account;Name\n1;A\n2;B\n3;C\n';
    expect(previewRows(text, detectLayout(text, 'accounts'), 2)).toEqual([
      ['1', 'A'],
      ['2', 'B'],
    ]);
  });
});
