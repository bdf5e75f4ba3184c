import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core';
import { FakeClock } from '../../ground/fake-clock';
import { MemoryLogger } from '../../ground/logger';
import type { CallContext } from '../../ipc/router';

const ctx: CallContext = { shell: 'browser', trustedSender: true };
let core: Core | null = null;

afterEach(async () => {
  if (!core) return;
  const dir = core.dataDir;
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  core = null;
});

describe('bif:settings and bif:setSettings', () => {
  it('serve the defaults, save a biller’s dates and PDF linking with an audit line and a jobs:changed, and go back to the defaults', async () => {
    core = createCore({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bifset-')),
      shell: 'browser',
      clock: new FakeClock('2025-03-03T14:00:00Z'),
      logger: new MemoryLogger(),
      jobDefinitions: [],
    });
    const biller = core.billers.createProfile({
      name: 'Springfield Water',
      timeZone: 'America/New_York',
      billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      invoiceTypeId: 7,
      invoiceFormatGuid: null,
      icHost: 'http://127.0.0.1:9',
      impresaUrl: 'http://127.0.0.1:9',
      impresaUser: 'bridge',
      postingMode: 'pending',
      livePostingUser: 'IC Clerk',
      isJobHost: true,
    });
    const heard: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'jobs:changed' && heard.push(payload));

    expect(await core.router.dispatch('bif:settings', { billerId: biller.id }, ctx)).toEqual({
      result: {
        billerId: biller.id,
        isDefault: true,
        dates: expect.any(Object),
        described: ['on the bill date', '3 days before the due date', '1 day after the due date'],
        pdfLinking: true,
      },
    });
    const set = await core.router.dispatch(
      'bif:setSettings',
      {
        billerId: biller.id,
        dates: { first: { from: 'bill', days: 1 }, second: { from: 'due', days: -5 }, third: null },
        pdfLinking: false,
      },
      ctx,
    );
    expect(set).toMatchObject({
      result: {
        isDefault: false,
        described: ['1 day after the bill date', '5 days before the due date', 'off'],
        pdfLinking: false,
      },
    });
    expect(core.invoiceFileSettings.get(biller.id)).toMatchObject({ dates: { third: null }, pdfLinking: false });
    expect(heard).toEqual([{ billerId: biller.id, job: 'invoice-file' }]);
    expect(core.db.prepare("SELECT detail FROM audit_log WHERE action = 'bif.settings'").pluck().get()).toBe(
      '1 day after the bill date; 5 days before the due date; off; PDF linking off',
    );

    // PDF linking alone changes; the dates stay.
    expect(
      await core.router.dispatch(
        'bif:setSettings',
        { billerId: biller.id, dates: core.invoiceFileSettings.get(biller.id).dates, pdfLinking: true },
        ctx,
      ),
    ).toMatchObject({ result: { isDefault: false, pdfLinking: true } });

    const bad = await core.router.dispatch(
      'bif:setSettings',
      {
        billerId: biller.id,
        dates: { first: { from: 'bill', days: 120 }, second: null, third: null },
        pdfLinking: true,
      },
      ctx,
    );
    expect(bad).toEqual({
      error: expect.objectContaining({ code: 'INVALID_INPUT', message: 'Keep the offset within 90 days.' }),
    });
    expect(
      await core.router.dispatch('bif:setSettings', { billerId: biller.id, dates: null, pdfLinking: true }, ctx),
    ).toMatchObject({ result: { isDefault: true, pdfLinking: true } });
    expect(core.db.prepare('SELECT count(*) FROM job_options WHERE biller_id = ?').pluck().get(biller.id)).toBe(0);
  });
});
