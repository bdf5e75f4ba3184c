import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS, CHECKLIST_ROLES } from '../../shared/domain/checklist';
import { setupInputSchema } from '../../shared/domain/setup';
import { ChecklistService } from './checklist.service';
import type { ChecklistFacts } from './checklist-rules';

const JOBS = ['Invoice File', 'Balance', 'Balance All', 'Customer', 'Auto Pay', 'Payments'];

/** A biller on the day its profile was created: nothing done but what the profile itself says. */
function newBiller(): ChecklistFacts {
  return {
    biller: { invoiceFormatGuid: null, postingMode: 'pending', createdAt: '2026-12-01T10:00:00.000Z' },
    secrets: { webServiceKey: false, impresaPassword: false },
    connections: { invoicecloud: null, impresa: null },
    setup: setupInputSchema.parse({}),
    pdfCheck: null,
    sampleImage: null,
    bifDates: ['off', 'off', 'off'],
    mapping: { state: 'not-confirmed', message: 'The field mapping has not been confirmed in CRM yet.' },
    jobs: JOBS.map((label) => ({
      label,
      atDocumentFrequency: true,
      scheduleText: 'Every 15 minutes',
      firstSuccess: null,
    })),
    lastCallAt: null,
    now: new Date('2026-12-07T12:00:00.000Z'),
  };
}

const byId = (facts: ChecklistFacts, rows: Parameters<typeof ChecklistService.build>[1] = []) =>
  Object.fromEntries(ChecklistService.build(facts, rows).map((i) => [i.id, i]));

describe('the conversion checklist', () => {
  it('holds every Key Responsibility, Quality Assurance and Procedure line of the source document, by role, in its words', () => {
    const texts = CHECKLIST_ITEMS.map((i) => i.text);
    expect(texts).toContain('Submit Track 70 for Invoice Format GUID.');
    expect(texts).toContain('Ensure Caselle server access for COWS (if applicable).');
    expect(texts).toContain('Confirm that any integration issues raised in support calls are resolved.');
    expect(texts).toContain('Host weekly support calls.');
    expect(texts).toContain('Prefer PDF linking when possible.');
    expect(new Set(CHECKLIST_ITEMS.map((i) => i.role))).toEqual(new Set(CHECKLIST_ROLES));
    expect(new Set(CHECKLIST_ITEMS.map((i) => i.id)).size).toBe(CHECKLIST_ITEMS.length);
  });

  it('on a new biller completes only what the profile itself says (the posting mode) and says why the rest is open', () => {
    const items = byId(newBiller());
    expect(items['biller-posting-mode']).toMatchObject({
      status: 'done',
      source: 'auto',
      statusText: 'done: pending payments chosen on the biller profile',
    });
    expect(items['biller-ids']).toMatchObject({ status: 'not-started', source: null });
    expect(items['biller-ids']!.statusText).toBe(
      'Not yet: the web service key is not stored; the InHANCE password is not stored; InvoiceCloud has not been tested successfully; InHANCE Impresa has not been tested successfully.',
    );
    expect(items['pm-track70']!.statusText).toBe('Not yet: Track 70 is not submitted.');
    expect(items['biller-caselle']).toMatchObject({
      status: 'done',
      statusText: 'done: not applicable: the biller does not use Caselle/COWS',
    });
    expect(items['pm-weekly-calls']).toMatchObject({
      status: 'not-started',
      statusText: 'No call recorded yet: add the call on the Calls screen (or mark it by hand).',
    });
  });

  it('completes items from the facts and says by whom and when', () => {
    const f = newBiller();
    f.secrets = { webServiceKey: true, impresaPassword: true };
    f.connections = {
      invoicecloud: { at: '2026-12-03T09:00:00.000Z', by: 'Pat Lee' },
      impresa: { at: '2026-12-03T09:05:00.000Z', by: 'Pat Lee' },
    };
    f.biller.invoiceFormatGuid = '2b4e28ba-2fa1-11d2-883f-0016d3cca427';
    f.setup = setupInputSchema.parse({
      track70: { status: 'received', reference: 'T70-991' },
      ivr: { status: 'done' },
      projectActive: { confirmedOn: '2026-12-02', confirmedWith: 'Dana (InHANCE)' },
    });
    f.bifDates = ['on the bill date', 'off', '1 day after the due date'];
    f.mapping = { state: 'confirmed', message: 'Confirmed in CRM by Pat Lee on 2026-12-04 (version 1).' };
    const items = byId(f);
    expect(items['biller-ids']!.statusText).toBe(
      'done: credentials stored and both connections tested 2026-12-03 by Pat Lee',
    );
    expect(items['pm-track70']!.statusText).toBe('done: Track 70 T70-991 received and invoice format GUID entered');
    expect(items['pm-ivr']!.status).toBe('done');
    expect(items['pm-bif-dates']!.statusText).toBe(
      'done: email notification dates set: on the bill date; 1 day after the due date',
    );
    expect(items['pm-crm-mapping']!.statusText).toBe('done: Confirmed in CRM by Pat Lee on 2026-12-04 (version 1).');
    expect(items['proc-project-active']!.statusText).toBe(
      'done: project confirmed active with InHANCE on 2026-12-02 with Dana (InHANCE)',
    );
  });

  it('Track 70 received without the GUID on the profile is not done', () => {
    const f = newBiller();
    f.setup = setupInputSchema.parse({ track70: { status: 'received' } });
    expect(byId(f)['pm-track70']).toMatchObject({
      status: 'not-started',
      statusText: 'Not yet: Track 70 is received but the invoice format GUID is not entered on the profile.',
    });
  });

  it('bill images: a verified PDF link completes the image items and makes Template Track unnecessary; a sample image completes only the image', () => {
    const f = newBiller();
    f.setup = setupInputSchema.parse({
      billImages: { method: 'pdf-linking', pdfLinkTemplate: 'https://bills.example.gov/{billNumber}.pdf' },
    });
    f.pdfCheck = {
      ok: true,
      url: 'https://bills.example.gov/INV-1.pdf',
      billNumber: 'INV-1',
      status: 200,
      contentType: 'application/pdf',
      bytes: 2048,
      message: '',
      at: '2026-12-05T10:00:00.000Z',
      by: 'Pat Lee',
    };
    let items = byId(f);
    expect(items['proc-prefer-pdf']!.statusText).toBe(
      'done: PDF link verified on bill INV-1 (application/pdf, 2048 bytes) 2026-12-05 by Pat Lee',
    );
    expect(items['proc-template-track']!.statusText).toMatch(/^done: not needed: PDF link verified/);
    expect(items['biller-sample-image']!.status).toBe('done');

    const g = newBiller();
    g.setup = setupInputSchema.parse({ billImages: { method: 'template-track', templateStatus: 'not-requested' } });
    g.sampleImage = {
      fileName: 'sample.png',
      mimeType: 'image/png',
      bytes: 100,
      importedAt: '2026-12-05T10:00:00.000Z',
      importedBy: 'Pat Lee',
    };
    items = byId(g);
    expect(items['biller-sample-image']!.statusText).toBe(
      'done: sample bill image sample.png provided 2026-12-05 by Pat Lee',
    );
    expect(items['proc-template-track']!.status).toBe('not-started');
    expect(items['proc-prefer-pdf']!.status).toBe('not-started');
  });

  it('a failed PDF check completes nothing', () => {
    const f = newBiller();
    f.setup = setupInputSchema.parse({ billImages: { pdfLinkTemplate: 'https://bills.example.gov/{billNumber}.pdf' } });
    f.pdfCheck = {
      ok: false,
      url: 'x',
      billNumber: 'INV-1',
      status: 404,
      contentType: 'text/html',
      bytes: 10,
      message: '',
      at: '2026-12-05T10:00:00.000Z',
      by: 'Pat Lee',
    };
    expect(byId(f)['proc-prefer-pdf']!.status).toBe('not-started');
  });

  it('jobs: done only when all six run at the document frequency and each succeeded once', () => {
    const f = newBiller();
    f.jobs = f.jobs.map((j) => ({ ...j, firstSuccess: { at: '2026-12-06T10:00:00.000Z', by: 'a manual run' } }));
    f.jobs[1] = { ...f.jobs[1]!, atDocumentFrequency: false, scheduleText: 'Every 2 hours' };
    expect(byId(f)['proc-jobs']!.statusText).toBe(
      "Not yet: not at the document's frequency: Balance runs every 2 hours.",
    );
    f.jobs[1] = { ...f.jobs[1]!, atDocumentFrequency: true };
    expect(byId(f)['proc-jobs']!.status).toBe('done');
    f.jobs[5] = { ...f.jobs[5]!, firstSuccess: null };
    expect(byId(f)['proc-jobs']!.statusText).toBe('Not yet: never run successfully: Payments.');
  });

  it('the weekly call counts for 7 days once the calls domain knows it', () => {
    const f = newBiller();
    f.lastCallAt = '2026-12-02T15:00:00.000Z';
    expect(byId(f)['pm-weekly-calls']).toMatchObject({
      status: 'done',
      statusText: 'done: weekly call held 2026-12-02',
    });
    f.lastCallAt = '2026-11-25T15:00:00.000Z';
    expect(byId(f)['pm-weekly-calls']!.status).toBe('not-started');
  });

  it('a hand-set status says who set it and when; an auto rule that is met wins over it', () => {
    const row = {
      item_id: 'qa-issues-resolved',
      status: 'done' as const,
      owner: 'Pat Lee',
      due: '2026-12-10',
      notes: null,
      evidence: null,
      updated_at: '2026-12-06T10:00:00.000Z',
      updated_by: 'Pat Lee',
    };
    expect(byId(newBiller(), [row])['qa-issues-resolved']).toMatchObject({
      status: 'done',
      source: 'manual',
      statusText: 'done by hand: marked by Pat Lee on 2026-12-06',
      owner: 'Pat Lee',
      due: '2026-12-10',
    });
    const blocked = { ...row, item_id: 'pm-ivr', status: 'blocked' as const };
    expect(byId(newBiller(), [blocked])['pm-ivr']!.statusText).toBe(
      'blocked (set by Pat Lee on 2026-12-06). Not yet: IVR is not started.',
    );
    const f = newBiller();
    f.setup = setupInputSchema.parse({ ivr: { status: 'done' } });
    expect(byId(f, [blocked])['pm-ivr']).toMatchObject({ status: 'done', source: 'auto' });
  });
});
