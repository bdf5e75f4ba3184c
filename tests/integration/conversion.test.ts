import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { startEmbeddedSandbox } from '../../main/sandbox/embedded';
import { springfieldFields } from '../support/biller-fields';
import { requireSecretService, tempDataDir } from '../support/temp';

const ctx = { shell: 'browser' as const, trustedSender: true };
let core: Core;
let cleanup: () => void;
beforeAll(() => requireSecretService());
afterEach(async () => {
  for (const b of core.billers.profiles()) await core.secrets.removeAll(b.id);
  await core.close();
  cleanup();
});

function start(): Core {
  const tmp = tempDataDir();
  cleanup = tmp.cleanup;
  core = createCore({
    dataDir: tmp.dir,
    shell: 'browser',
    logger: new MemoryLogger(),
    initialMode: 'pm',
    startJobs: false,
  });
  return core;
}
const call = (channel: string, input: unknown = {}) => core.router.dispatch(channel, input, ctx);

describe('the go-live gate', () => {
  it('refuses live posting and schedules on for a real biller with open required items; an override needs a reason and is audited', async () => {
    start();
    const biller = core.billers.createProfile(springfieldFields);
    const live = await call('billers:update', { id: biller.id, fields: { ...springfieldFields, postingMode: 'live' } });
    expect(live).toMatchObject({
      error: {
        code: 'GO_LIVE_BLOCKED',
        message: expect.stringMatching(
          /^Cannot switch payment posting to live for Springfield Water yet: \d+ required checklist items are not done/,
        ),
      },
    });
    expect(core.billers.profile(biller.id).postingMode).toBe('pending');
    expect(await call('checklist:goLive', { billerId: biller.id, action: 'schedules-on' })).toMatchObject({
      error: { code: 'GO_LIVE_BLOCKED' },
    });
    expect(core.billers.profile(biller.id).isJobHost).toBe(false);
    // Changing anything else is not a go-live step and is not gated.
    expect(
      await call('billers:update', { id: biller.id, fields: { ...springfieldFields, impresaUser: 'other' } }),
    ).toHaveProperty('result');

    const overridden = await call('checklist:goLive', {
      billerId: biller.id,
      action: 'posting-live',
      overrideReason: 'Biller signed off by phone; QA items follow next week.',
    });
    expect(overridden).toMatchObject({ result: { postingMode: 'live', isJobHost: false } });
    const entry = core.audit.list({ billerId: biller.id }).find((e) => e.action === 'golive.override')!;
    expect(entry.subject).toBe('posting-live');
    expect(entry.detail).toMatch(/^Biller signed off by phone; QA items follow next week\. \[open: .*pm-track70.*\]$/);
  });

  it('never gates the sandbox biller', async () => {
    start();
    const sandbox = core.billers.createProfile({ ...springfieldFields, name: 'Sandbox Utility' }, { sandbox: true });
    expect(
      await call('billers:update', {
        id: sandbox.id,
        fields: { ...springfieldFields, name: 'Sandbox Utility', postingMode: 'live', isJobHost: true },
      }),
    ).toMatchObject({ result: { postingMode: 'live', isJobHost: true } });
  });

  it('opens once every required item is done', async () => {
    start();
    const biller = core.billers.createProfile(springfieldFields);
    const c = await core.checklist.get(biller.id);
    for (const item of c.items.filter((i) => i.required && i.status !== 'done'))
      await core.checklist.set({ billerId: biller.id, itemId: item.id, status: 'done' });
    expect((await core.checklist.get(biller.id)).ready).toBe(true);
    expect(await call('checklist:goLive', { billerId: biller.id, action: 'schedules-on' })).toMatchObject({
      result: { isJobHost: true },
    });
    expect(core.audit.list({ billerId: biller.id }).filter((e) => e.action === 'checklist.set').length).toBeGreaterThan(
      3,
    );
    const exported = await call('checklist:exportCsv', { billerId: biller.id });
    if (!('result' in exported)) throw new Error('export failed');
    const { csv, fileName } = exported.result as { csv: string; fileName: string };
    expect(fileName).toMatch(/^checklist-Springfield-Water-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Role,Section,Item,Required,Status,How,Owner,Due,Notes,Evidence,Updated by,Updated at');
    expect(lines).toHaveLength(1 + 28);
    expect(lines.find((l) => l.includes('Confirm that any integration issues'))).toMatch(
      /^Project Manager \(InvoiceCloud\),Quality Assurance,Confirm that any integration issues raised in support calls are resolved\.,yes,Done,done by hand: marked by /,
    );
  });
});

describe('setup items', () => {
  it('a Smartsheet link on another host is refused in words and nothing is written', async () => {
    start();
    const biller = core.billers.createProfile(springfieldFields);
    const bad = await call('setup:update', {
      billerId: biller.id,
      fields: { links: { smartsheet: 'https://evil.example.com/sheet' } },
    });
    expect(bad).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('The Smartsheet link must be an https:// address on app.smartsheet.com.'),
      },
    });
    expect(core.setup.get(biller.id).updatedAt).toBeNull();
    const good = await call('setup:update', {
      billerId: biller.id,
      fields: {
        links: {
          smartsheet: 'https://app.smartsheet.com/sheets/abc',
          confluence: 'https://harris.atlassian.net/wiki/spaces/IM/pages/1',
        },
      },
    });
    expect(good).toMatchObject({
      result: { fields: { links: { smartsheet: 'https://app.smartsheet.com/sheets/abc' } } },
    });
  });

  it('checks a sample bill image by its bytes and keeps it in the data directory', async () => {
    start();
    const biller = core.billers.createProfile(springfieldFields);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    expect(
      await call('setup:importSampleImage', {
        billerId: biller.id,
        fileName: 'bill.png',
        dataBase64: Buffer.from('hello').toString('base64'),
      }),
    ).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        message:
          '"bill.png" is not a PDF, PNG or JPEG file. Ask the biller for the sample bill in one of those formats.',
      },
    });
    expect(
      await call('setup:importSampleImage', {
        billerId: biller.id,
        fileName: 'bill.png',
        dataBase64: png.toString('base64'),
      }),
    ).toMatchObject({ result: { mimeType: 'image/png', bytes: 108 } });
    expect(fs.readFileSync(path.join(core.dataDir, 'sample-bills', `${biller.id}.png`))).toEqual(png);
    expect((await core.checklist.get(biller.id)).items.find((i) => i.id === 'biller-sample-image')!.statusText).toMatch(
      /^done: sample bill image bill\.png provided \d{4}-\d{2}-\d{2} by /,
    );
  });

  it('verifies a PDF link template against a real sandbox bill', async () => {
    start();
    const sandbox = await startEmbeddedSandbox(core, { accounts: 20 });
    const id = core.billers.profiles().find((b) => b.sandbox)!.id;
    await core.setup.update(id, {
      billImages: { method: 'pdf-linking', pdfLinkTemplate: `${sandbox.impresaBaseUrl}/bills/{billNumber}.pdf` },
    });
    const check = await core.setup.verifyPdfLink(id);
    expect(check).toMatchObject({ ok: true, status: 200, contentType: 'application/pdf' });
    expect(check.bytes).toBeGreaterThan(100);
    await core.setup.update(id, {
      billImages: { method: 'pdf-linking', pdfLinkTemplate: `${sandbox.impresaBaseUrl}/nothing/{billNumber}` },
    });
    expect(core.setup.get(id).pdfCheck).toBeNull();
    expect(await core.setup.verifyPdfLink(id)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('profile files', () => {
  it('export carries no secret; import validates first and writes nothing on error', async () => {
    start();
    const biller = await core.billers.create(springfieldFields, {
      'web-service-key': 'secret-key-123',
      'impresa-password': 'secret-pass-456',
    });
    await core.setup.update(biller.id, {
      ivr: { status: 'done' },
      contacts: [
        { name: 'Dana Ruiz', organisation: 'inhance', role: 'Technical contact', email: 'dana@inhance.example' },
      ],
    });
    const exported = await call('setup:exportProfile', { billerId: biller.id });
    if (!('result' in exported)) throw new Error('export failed');
    const { json, fileName } = exported.result as { json: string; fileName: string };
    expect(fileName).toBe('biller-Springfield-Water.json');
    expect(json).not.toContain('secret-key-123');
    expect(json).not.toContain('secret-pass-456');
    expect(JSON.parse(json)).toMatchObject({
      format: 'impresa-bridge/biller-profile',
      version: 1,
      biller: { name: 'Springfield Water' },
      setup: { ivr: { status: 'done' } },
    });

    const before = core.billers.profiles().length;
    const cases: Array<[string, string]> = [
      ['{ not json', 'The file is not valid JSON'],
      [json, 'A biller named "Springfield Water" already exists. Choose another name.'],
      [
        json.replace('"billerGuid": "1b4e28ba', '"billerGuid": "zz'),
        'The biller in the file was not accepted: biller.billerGuid: The InvoiceCloud biller GUID must be a GUID',
      ],
      [
        json.replace('"ivr": {', '"ivr": { "webServiceKey": "x",'),
        'The file contains "setup.ivr.webServiceKey", which looks like a secret.',
      ],
      [
        JSON.stringify({ format: 'something-else', version: 1, biller: {} }),
        'This is not an Impresa Bridge biller profile',
      ],
    ];
    for (const [text, message] of cases) {
      const answer = await call('setup:importProfile', { json: text });
      expect('error' in answer && answer.error.message, message).toContain(message);
      expect(core.billers.profiles()).toHaveLength(before);
    }
    const imported = await call('setup:importProfile', { json, name: 'Springfield Water (job host)' });
    expect(imported).toMatchObject({
      result: { biller: { name: 'Springfield Water (job host)', secrets: { 'web-service-key': false } } },
    });
    const newId = 'result' in imported ? (imported.result as { biller: { id: string } }).biller.id : '';
    expect(core.setup.get(newId).fields.contacts).toEqual([
      {
        id: expect.any(String),
        name: 'Dana Ruiz',
        organisation: 'inhance',
        role: 'Technical contact',
        email: 'dana@inhance.example',
        phone: null,
      },
    ]);
  });

  it('copying setup from another biller takes the shareable items and never its own request or secrets', async () => {
    start();
    const a = await core.billers.create(springfieldFields, { 'web-service-key': 'key-a' });
    const b = core.billers.createProfile({ ...springfieldFields, name: 'Shelbyville Power' });
    await core.setup.update(a.id, {
      track70: { status: 'submitted', reference: 'T70-1' },
      ivr: { status: 'in-progress' },
      contacts: [
        { name: 'Dana', organisation: 'inhance' },
        { name: 'Mayor', organisation: 'biller' },
      ],
    });
    const copied = await call('setup:copyFrom', { billerId: b.id, sourceBillerId: a.id });
    expect(copied).toMatchObject({
      result: {
        fields: { track70: { status: 'not-submitted' }, ivr: { status: 'in-progress' }, contacts: [{ name: 'Dana' }] },
      },
    });
    expect((await core.billers.get(b.id)).secrets['web-service-key']).toBe(false);
  });
});
