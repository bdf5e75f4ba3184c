import { describe, expect, it } from 'vitest';
import { centsToMoney, parseIcBoolean, parseIcDate, parseMoneyCents } from './values';

describe('IC value formats', () => {
  it('reads money as integer cents without float error', () => {
    expect(parseMoneyCents('123.45')).toBe(12345);
    expect(parseMoneyCents('0.29')).toBe(29);
    expect(parseMoneyCents('1.1')).toBe(110);
    expect(parseMoneyCents('70')).toBe(7000);
    expect(parseMoneyCents('-5.10')).toBe(-510);
    expect(parseMoneyCents('-0.00')).toBe(0);
    expect(parseMoneyCents('19.9900')).toBe(1999);
    expect(parseMoneyCents('4503599627370.49')).toBe(450359962737049);
    for (const bad of ['', '1,234.56', '12.345', 'abc', '1.2.3', '$5.00', '1e3', '.5'])
      expect(parseMoneyCents(bad)).toBeUndefined();
    expect(centsToMoney(12345)).toBe('123.45');
    expect(centsToMoney(-5)).toBe('-0.05');
    expect(() => centsToMoney(1.5)).toThrow(/whole cents/);
  });

  it('reads US .NET dates and ISO dates to local ISO, and both no-date forms to null', () => {
    expect(parseIcDate('3/1/2025 12:00:00 AM')).toBe('2025-03-01T00:00:00');
    expect(parseIcDate('3/1/2025 12:30:05 PM')).toBe('2025-03-01T12:30:05');
    expect(parseIcDate('12/31/2024 11:59:59 PM')).toBe('2024-12-31T23:59:59');
    expect(parseIcDate('3/1/2025')).toBe('2025-03-01T00:00:00');
    expect(parseIcDate('2025-03-01T13:05:00')).toBe('2025-03-01T13:05:00');
    expect(parseIcDate('2025-03-01T13:05:00.123-05:00')).toBe('2025-03-01T13:05:00');
    expect(parseIcDate('1/1/0001 12:00:00 AM')).toBeNull();
    expect(parseIcDate('0001-01-01T00:00:00')).toBeNull();
    expect(parseIcDate('')).toBeNull();
    for (const bad of [
      '2/30/2025 12:00:00 AM',
      '13/1/2025 1:00:00 AM',
      '3/1/2025 13:00:00 PM',
      'tomorrow',
      '2025-02-29T00:00:00',
    ])
      expect(parseIcDate(bad)).toBeUndefined();
    expect(parseIcDate('2/29/2024 12:00:00 AM')).toBe('2024-02-29T00:00:00');
  });

  it('reads booleans as .NET writes them', () => {
    expect(parseIcBoolean('true')).toBe(true);
    expect(parseIcBoolean('False')).toBe(false);
    expect(parseIcBoolean('yes')).toBeUndefined();
  });
});
