import { describe, expect, it } from 'vitest';
import { MAPPING_FILE_FORMAT } from '../../shared/domain/mapping';
import { parseMappingFile, writeMappingFile } from './mapping-file';
import { standardMapping } from './presets';

/** A file as a PM might have edited it by hand: the envelope of an export around these rows. */
const fileWith = (rows: unknown[]) =>
  JSON.stringify({ format: MAPPING_FILE_FORMAT, formatVersion: 1, exportedAt: '2025-03-03T14:00:00Z', rows });

const problemsOf = (rows: unknown[]) => {
  const parsed = parseMappingFile(fileWith(rows));
  if (parsed.ok) throw new Error(`expected the file to be refused, it gave ${parsed.rows.length} rows`);
  return parsed.problems;
};

describe('parseMappingFile', () => {
  it('reads back what writeMappingFile wrote', () => {
    const parsed = parseMappingFile(
      writeMappingFile({
        exportedAt: '2025-03-03T14:00:00Z',
        biller: { id: 'b1', name: 'Springfield Water' },
        version: 3,
        rows: standardMapping(),
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      rows: standardMapping(),
      origin: { billerName: 'Springfield Water', version: 3, exportedAt: '2025-03-03T14:00:00Z' },
    });
  });

  it('refuses misspelled keys instead of importing the row with "As stored", and says which key was meant', () => {
    const rows = [
      { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true },
      { target: 'customers-state', source: 'account.state', transfrom: 'upper', requird: true },
    ];
    expect(problemsOf(rows)).toEqual([
      "Row 2: 'transfrom' is not a field of a mapping row (did you mean transform?).",
      "Row 2: 'requird' is not a field of a mapping row (did you mean required?).",
    ]);
  });

  it('suggests a key whatever its case or separators, and lists the fields when nothing is close', () => {
    const rows = [
      { target: 'invoices-duedate', source: 'bill.dueDate', transform: 'date', date_format: 'M/D/YYYY' },
      { Target: 'customers-city', source: 'account.city', transform: 'trim' },
      { target: 'customers-zip', source: 'account.zip', transform: 'trim', colour: 'blue' },
    ];
    expect(problemsOf(rows)).toEqual([
      "Row 1: 'date_format' is not a field of a mapping row (did you mean dateFormat?).",
      // Only the typo is reported: "the target is missing" would say the same thing twice.
      "Row 2: 'Target' is not a field of a mapping row (did you mean target?).",
      "Row 3: 'colour' is not a field of a mapping row; a row has target, source, transform, dateFormat and required.",
    ]);
  });

  it('requires the transform in a file (an export always writes it)', () => {
    expect(problemsOf([{ target: 'customers-city', source: 'account.city', required: false }])).toEqual([
      'Row 1: the transform is missing (write "none" to write the value as InHANCE stores it).',
    ]);
    const parsed = parseMappingFile(
      fileWith([{ target: 'customers-city', source: 'account.city', transform: 'none' }]),
    );
    expect(parsed).toMatchObject({
      ok: true,
      rows: [{ target: 'customers-city', source: 'account.city', transform: 'none', required: false }],
    });
  });

  it('reports key problems together with the other problems of the same file', () => {
    const problems = problemsOf([
      { target: 'customers-city', source: 'account.city', transform: 'shout' },
      { target: 'customers-zip', source: 'account.zip', transform: 'trim', sorce: 'account.zip' },
    ]);
    expect(problems).toEqual([
      "Row 1: transform 'shout' is not one of none, trim, upper, lower, phone, date, cents-to-decimal.",
      "Row 2: 'sorce' is not a field of a mapping row (did you mean source?).",
    ]);
  });
});
