import { describe, expect, it } from 'vitest';
import {
  asText,
  centsToDecimal,
  date,
  lower,
  phone,
  transformFor,
  trim,
  upper,
  type TransformResult,
} from './transforms';

const value = (r: TransformResult) => {
  if (!r.ok) throw new Error(`expected a value, got the rejection: ${r.reason}`);
  return r.value;
};
const reason = (r: TransformResult) => {
  if (r.ok) throw new Error(`expected a rejection, got the value '${r.value}'`);
  return r.reason;
};

describe('none (as stored)', () => {
  it('writes scalars as text and empties as empty', () => {
    expect(value(asText('Ann Lee'))).toBe('Ann Lee');
    expect(value(asText(42))).toBe('42');
    expect(value(asText(true))).toBe('true');
    expect(value(asText(false))).toBe('false');
    expect(value(asText(null))).toBe('');
    expect(value(asText(undefined))).toBe('');
  });

  it('refuses lists, objects and non-finite numbers instead of writing [object Object]', () => {
    expect(reason(asText({ a: 1 }))).toMatch(/not a single value/);
    expect(reason(asText(['a']))).toMatch(/not a single value/);
    expect(reason(asText(Number.NaN))).toMatch(/not a number/);
  });
});

describe('trim, upper, lower', () => {
  it('trims the edges only', () => {
    expect(value(trim('  12 Main  St \t'))).toBe('12 Main  St');
  });
  it('changes case and trims, so a padded state still fits two characters', () => {
    expect(value(upper(' ma '))).toBe('MA');
    expect(value(lower('  Ann@Example.COM '))).toBe('ann@example.com');
  });
  it('pass empty values through as empty', () => {
    expect(value(trim(null))).toBe('');
    expect(value(upper(undefined))).toBe('');
  });
});

describe('phone', () => {
  it.each([
    ['5551234567', '(555) 123-4567'],
    ['555-123-4567', '(555) 123-4567'],
    ['(555) 123-4567', '(555) 123-4567'],
    ['555.123.4567', '(555) 123-4567'],
    ['+1 555 123 4567', '(555) 123-4567'],
    ['1-555-123-4567', '(555) 123-4567'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(value(phone(input))).toBe(expected);
  });

  it('accepts a phone stored as a number', () => {
    expect(value(phone(5551234567))).toBe('(555) 123-4567');
  });

  it('leaves an empty phone empty', () => {
    expect(value(phone(''))).toBe('');
    expect(value(phone(null))).toBe('');
  });

  it.each(['123-4567', '555-123-45678', '2-555-123-4567', '555-123-4567 x12', '+44 20 7946 0958', 'call me'])(
    'rejects %s with a clear reason',
    (input) => {
      expect(reason(phone(input))).toBe(`'${input}' is not a 10-digit US phone number`);
    },
  );
});

describe('date', () => {
  it('writes an ISO date in each style, M/D/YYYY by default', () => {
    expect(value(date('2025-03-01'))).toBe('3/1/2025');
    expect(value(date('2025-12-31', 'M/D/YYYY'))).toBe('12/31/2025');
    expect(value(date('2025-03-01', 'MM/DD/YYYY'))).toBe('03/01/2025');
    expect(value(date('2025-03-01', 'YYYY-MM-DD'))).toBe('2025-03-01');
  });

  it('takes the date part of an ISO date-time as written, without shifting time zones', () => {
    expect(value(date('2025-03-01T23:30:00-05:00'))).toBe('3/1/2025');
    expect(value(date('2025-03-01T02:00:00Z'))).toBe('3/1/2025');
  });

  it('accepts leap days only in leap years', () => {
    expect(value(date('2024-02-29'))).toBe('2/29/2024');
    expect(reason(date('2025-02-29'))).toBe(`'2025-02-29' is not a real calendar date`);
    expect(reason(date('1900-02-29'))).toMatch(/not a real calendar date/);
    expect(value(date('2000-02-29'))).toBe('2/29/2000');
  });

  it('rejects dates in other forms rather than guessing day and month', () => {
    expect(reason(date('03/01/2025'))).toBe(`'03/01/2025' is not a date written YYYY-MM-DD`);
    expect(reason(date('2025-13-01'))).toMatch(/not a real calendar date/);
    expect(reason(date(20250301))).toMatch(/not a date written YYYY-MM-DD/);
  });

  it('leaves an empty date empty', () => {
    expect(value(date(null))).toBe('');
    expect(value(date(' '))).toBe('');
  });
});

describe('cents to decimal', () => {
  it.each([
    [12345, '123.45'],
    [-5, '-0.05'],
    [5, '0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-100, '-1.00'],
    [-12345, '-123.45'],
    [99, '0.99'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %d cents as %s', (cents, expected) => {
    expect(value(centsToDecimal(cents))).toBe(expected);
  });

  it('is exact where float arithmetic is not (0.1 + 0.2 style amounts)', () => {
    // 1 + 2 tenths of a dollar in cents: float division would print 0.30000000000000004 for 0.1 + 0.2.
    expect(value(centsToDecimal(10 + 20))).toBe('0.30');
    expect(value(centsToDecimal(1_000_000_007))).toBe('10000000.07');
  });

  it('accepts whole cents written as text, with leading zeros and a minus zero', () => {
    expect(value(centsToDecimal('12345'))).toBe('123.45');
    expect(value(centsToDecimal('007'))).toBe('0.07');
    expect(value(centsToDecimal('-0'))).toBe('0.00');
    expect(value(centsToDecimal(10n ** 20n))).toBe('1000000000000000000.00');
  });

  it('refuses anything that is not whole cents', () => {
    expect(reason(centsToDecimal(12.5))).toBe(`'12.5' is not a whole number of cents`);
    expect(reason(centsToDecimal('123.45'))).toBe(`'123.45' is not a whole number of cents`);
    expect(reason(centsToDecimal('12 dollars'))).toMatch(/not a whole number of cents/);
    expect(reason(centsToDecimal(true))).toMatch(/not a whole number of cents/);
    expect(reason(centsToDecimal(2 ** 60))).toMatch(/not a whole number of cents/);
  });

  it('leaves a missing amount empty', () => {
    expect(value(centsToDecimal(null))).toBe('');
    expect(value(centsToDecimal(''))).toBe('');
  });
});

describe('transformFor', () => {
  it('picks the function of each transform, with the row’s date format', () => {
    expect(value(transformFor('none')(' x '))).toBe(' x ');
    expect(value(transformFor('trim')(' x '))).toBe('x');
    expect(value(transformFor('upper')('x'))).toBe('X');
    expect(value(transformFor('lower')('X'))).toBe('x');
    expect(value(transformFor('phone')('5551234567'))).toBe('(555) 123-4567');
    expect(value(transformFor('date')('2025-03-01'))).toBe('3/1/2025');
    expect(value(transformFor('date', 'YYYY-MM-DD')('2025-03-01'))).toBe('2025-03-01');
    expect(value(transformFor('cents-to-decimal')(250))).toBe('2.50');
  });
});
