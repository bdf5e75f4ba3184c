import { describe, expect, it } from 'vitest';
import type { BillerProfile } from '../billers/billers.service';
import { goLiveFields, goLiveSteps } from './conversion.ipc';
import { fillLinkTemplate, sniffImageType } from './setup.service';

const profile: BillerProfile = {
  id: 'b1',
  name: 'Springfield Water',
  timeZone: 'America/New_York',
  billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  invoiceTypeId: 12,
  invoiceFormatGuid: null,
  icHost: 'https://www.invoicecloud.com',
  impresaUrl: 'https://impresa.springfield.gov/api',
  impresaUser: 'icbridge',
  postingMode: 'pending',
  livePostingUser: 'IC Clerk',
  isJobHost: false,
  sandbox: false,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('go-live steps the gate must allow', () => {
  it('are live posting and schedules on (job host), and nothing else', () => {
    const { id: _i, sandbox: _s, createdAt: _c, updatedAt: _u, ...fields } = profile;
    expect(goLiveSteps(profile, fields)).toEqual([]);
    expect(
      goLiveSteps(profile, {
        ...fields,
        impresaUser: 'other',
        invoiceFormatGuid: '2b4e28ba-2fa1-11d2-883f-0016d3cca427',
      }),
    ).toEqual([]);
    expect(goLiveSteps(profile, { ...fields, postingMode: 'live' })).toEqual(['posting-live']);
    expect(goLiveSteps(profile, { ...fields, postingMode: 'live', isJobHost: true })).toEqual([
      'posting-live',
      'schedules-on',
    ]);
    // Going back (live → pending, job host off) is never gated.
    const live = { ...profile, postingMode: 'live' as const, isJobHost: true };
    expect(goLiveSteps(live, { ...fields, postingMode: 'pending', isJobHost: false })).toEqual([]);
  });

  it('change only the field of the step', () => {
    expect(goLiveFields(profile, 'posting-live')).toMatchObject({
      postingMode: 'live',
      isJobHost: false,
      name: 'Springfield Water',
    });
    expect(goLiveFields(profile, 'schedules-on')).toMatchObject({ postingMode: 'pending', isJobHost: true });
  });
});

describe('bill image checks', () => {
  it('fill a link template from a bill, escaping what a URL cannot carry', () => {
    expect(
      fillLinkTemplate('https://bills.example.gov/{accountNumber}/{billNumber}.pdf', {
        invoiceNumber: 'INV 7/1',
        accountNumber: '0001-00',
      }),
    ).toBe('https://bills.example.gov/0001-00/INV%207%2F1.pdf');
  });

  it('tell PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.from('<html>%PDF-'))).toBeNull();
  });
});
