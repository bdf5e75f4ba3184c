import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { springfieldFields } from '../support/biller-fields';
import { runCli } from '../support/cli';
import { requireBuild, requireSecretService, tempDataDir } from '../support/temp';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

beforeAll(() => requireSecretService());

function core(dataDir?: string): Core {
  const temp = dataDir ? null : tempDataDir();
  const c = createCore({ dataDir: dataDir ?? temp!.dir, shell: 'cli', logger: new MemoryLogger() });
  cleanups.push(() => c.close());
  if (temp) cleanups.push(temp.cleanup);
  return c;
}

/** Every file in the zip as text. */
function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

/** A biller whose two secrets are in the real keychain, and which is removed (secrets too) afterwards. */
async function billerWithSecrets(c: Core) {
  const key = randomUUID().toUpperCase();
  const password = `pw-${randomUUID()}`;
  const biller = await c.billers.create(springfieldFields);
  cleanups.push(() => c.billers.remove(biller.id));
  await c.billers.setSecret(biller.id, 'web-service-key', key);
  await c.billers.setSecret(biller.id, 'impresa-password', password);
  return { biller, key, password };
}

describe('Export diagnostics', () => {
  it('holds logs, configuration, run history, integrity and versions, and none of the secrets in the keychain', async () => {
    const c = core();
    const { biller, key, password } = await billerWithSecrets(c);
    // Places a secret could slip into: a log some other writer kept unredacted, and the preferences file.
    const shellLogs = tempDataDir('ib-shell-logs-');
    cleanups.push(shellLogs.cleanup);
    fs.writeFileSync(
      path.join(shellLogs.dir, 'main.log'),
      `[info] signed in with ${password}\n[info] key {${key.toLowerCase()}} and ${key.replace(/-/g, '')}\n`,
    );
    c.settings.set('support.note', `the key is ${key}`);
    c.log.info(`a line that names the key ${key}`);
    c.jobs.pause(biller.id, 'balance', 'Quarter-end freeze');
    c.desktop.attach({ logDirs: [shellLogs.dir] });

    const env = await c.router.dispatch('desktop:exportDiagnostics', {}, { shell: 'browser', trustedSender: true });
    expect('result' in env).toBe(true);
    const result = (env as { result: { fileName: string; base64: string; entries: string[] } }).result;
    expect(result.fileName).toMatch(/^impresa-bridge-diagnostics-\d{12}\.zip$/);
    const files = unzip(Buffer.from(result.base64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining(['configuration.json', 'integrity.json', 'run-history.json', 'versions.json']),
    );
    expect(files['logs/shell-1/main.log']).toMatch(/signed in with \[redacted\]/);

    const everything = Object.values(files).join('\n');
    for (const secret of [key, key.toLowerCase(), key.replace(/-/g, ''), password])
      expect(everything).not.toContain(secret);
    expect(everything).toContain('[redacted]');

    expect(JSON.parse(files['integrity.json']!)).toMatchObject({ ok: true, result: ['ok'] });
    expect(JSON.parse(files['versions.json']!)).toMatchObject({
      app: expect.any(String),
      node: process.versions.node,
      sqlite: expect.stringMatching(/^3\./),
    });
    const config = JSON.parse(files['configuration.json']!) as {
      billers: Array<{ name: string; secretsSet: unknown }>;
      jobs: Array<{ jobs: Array<{ job: string; pause: unknown }> }>;
    };
    expect(config.billers).toEqual([
      expect.objectContaining({
        name: 'Springfield Water',
        secretsSet: { 'web-service-key': true, 'impresa-password': true },
      }),
    ]);
    expect(config.jobs[0]!.jobs.find((j) => j.job === 'balance')!.pause).toMatchObject({
      reason: 'Quarter-end freeze',
    });
    expect(JSON.parse(files['run-history.json']!)).toMatchObject({
      byJobAndState: expect.any(Array),
      lastErrors: expect.any(Array),
    });
  });

  it('is also a CLI command that writes the zip where it is told', async () => {
    requireBuild();
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const c = core(dir);
    const { key, password } = await billerWithSecrets(c);
    const out = path.join(dir, 'support.zip');
    const run = await runCli(['app', 'diagnostics', '--out', out, '--json', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: out, entries: expect.arrayContaining(['integrity.json']) });
    const text = Object.values(unzip(fs.readFileSync(out))).join('\n');
    expect(text).not.toContain(key);
    expect(text).not.toContain(password);
  });
});
