import { describe, expect, it } from 'vitest';
import { billerInputSchema } from './biller';
import { centsToDecimal, decimalToCents, formatCents } from './money';

const valid = {
  name: 'Springfield Water',
  timeZone: 'America/New_York',
  billerGuid: '{1B4E28BA-2FA1-11D2-883F-0016D3CCA427}',
  invoiceTypeId: '12',
  impresaUrl: 'https://impresa.springfield.gov/api/',
  impresaUser: 'icbridge',
  postingMode: 'pending',
};

describe('biller form schema', () => {
  it('normalizes a valid profile: GUID without braces, lower case; defaults for host and live user', () => {
    const out = billerInputSchema.parse(valid);
    expect(out.billerGuid).toBe('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(out.invoiceTypeId).toBe(12);
    expect(out.icHost).toBe('https://www.invoicecloud.com');
    expect(out.impresaUrl).toBe('https://impresa.springfield.gov/api');
    expect(out.livePostingUser).toBe('IC Clerk');
    expect(out.invoiceFormatGuid).toBeNull();
    expect(out.isJobHost).toBe(false);
  });

  it('refuses a user name or password in a service address, with a message on that field', () => {
    for (const [field, url] of [
      ['impresaUrl', 'https://bridge:hunter22@impresa.springfield.gov/api'],
      ['impresaUrl', 'https://bridge@impresa.springfield.gov'],
      ['icHost', 'https://:secret@www.invoicecloud.com'],
      ['impresaUrl', 'http://user:pw@127.0.0.1:8080'],
    ] as const) {
      const r = billerInputSchema.safeParse({ ...valid, [field]: url });
      expect(r.success, url).toBe(false);
      expect(r.error!.issues.map((i) => i.path)).toEqual([[field]]);
      expect(r.error!.issues[0]!.message).toMatch(/must not contain a user name or password/);
    }
    // An "@" later in the address is not a credential.
    expect(
      billerInputSchema.safeParse({ ...valid, impresaUrl: 'https://impresa.springfield.gov/api/@v2' }).success,
    ).toBe(true);
  });

  it('says what a GUID must look like', () => {
    const r = billerInputSchema.safeParse({ ...valid, billerGuid: 'not-a-guid' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['billerGuid']);
    expect(r.error!.issues[0]!.message).toMatch(/must be a GUID like/);
  });

  it('refuses plain http except on this computer', () => {
    expect(
      billerInputSchema.safeParse({ ...valid, impresaUrl: 'http://impresa.springfield.gov' }).error?.issues[0]?.message,
    ).toMatch(/https:\/\//);
    expect(billerInputSchema.safeParse({ ...valid, impresaUrl: 'http://127.0.0.1:8080' }).success).toBe(true);
    expect(billerInputSchema.safeParse({ ...valid, icHost: 'ftp://x' }).success).toBe(false);
  });

  it('needs a positive whole invoice type ID and a real time zone', () => {
    expect(billerInputSchema.safeParse({ ...valid, invoiceTypeId: '0' }).error?.issues[0]?.message).toMatch(
      /above zero/,
    );
    expect(billerInputSchema.safeParse({ ...valid, invoiceTypeId: '1.5' }).success).toBe(false);
    expect(billerInputSchema.safeParse({ ...valid, timeZone: 'Mars/Olympus' }).error?.issues[0]?.message).toMatch(
      /time zone/,
    );
  });

  it('accepts an empty invoice format GUID (Track 70 pending) and validates a given one', () => {
    expect(billerInputSchema.parse({ ...valid, invoiceFormatGuid: '' }).invoiceFormatGuid).toBeNull();
    expect(billerInputSchema.parse({ ...valid, invoiceFormatGuid: null }).invoiceFormatGuid).toBeNull();
    expect(
      billerInputSchema.parse({ ...valid, invoiceFormatGuid: '{2B4E28BA-2FA1-11D2-883F-0016D3CCA427}' })
        .invoiceFormatGuid,
    ).toBe('2b4e28ba-2fa1-11d2-883f-0016d3cca427');
    const issues = billerInputSchema.safeParse({ ...valid, invoiceFormatGuid: '123' }).error?.issues ?? [];
    // One sentence a PM can act on, not zod's "Invalid input: expected \"\"".
    expect(issues.map((i) => i.message)).toEqual([
      'The invoice format GUID must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (32 hex digits in groups of 8-4-4-4-12), or leave it empty.',
    ]);
  });

  it('says every field error as a sentence, never a zod default', () => {
    const bad = billerInputSchema.safeParse({
      name: 5,
      timeZone: 7,
      billerGuid: 1,
      invoiceTypeId: 'x',
      invoiceFormatGuid: 3,
      icHost: 2,
      impresaUrl: {},
      impresaUser: [],
      postingMode: 'sometimes',
      isJobHost: 'yes',
    });
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) {
      expect(m).not.toMatch(/^Invalid input|expected /);
      expect(m).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('money', () => {
  it('converts between decimal text and cents without floats', () => {
    expect(decimalToCents('123.45')).toBe(12345);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('-0.05')).toBe(-5);
    expect(decimalToCents('1.005')).toBeNull();
    expect(decimalToCents('12,00')).toBeNull();
    expect(centsToDecimal(12345)).toBe('123.45');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(formatCents(123456789)).toBe('$1,234,567.89');
  });
});
