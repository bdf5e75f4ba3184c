import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { SECRET_NAMES } from '../../shared/domain/biller';
import type { BillersService } from '../billers/billers.service';
import type { JobsService } from '../jobs/jobs.service';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import type { Clock } from '../ground/clock';
import { APP_VERSION } from '../ground/version';
import { Redactor } from '../ground/logger';

/** What diagnostics reads of the core: the composition root passes itself (this file does not import core.ts, which imports it). */
export interface DiagnosticsSource {
  dataDir: string;
  installationId: string;
  clock: Clock;
  redactor: Redactor;
  db: Db;
  billers: Pick<BillersService, 'profiles'>;
  secrets: Pick<SecretStore, 'get' | 'status'>;
  jobs: Pick<JobsService, 'overview'>;
}

/**
 * "Export diagnostics": one zip support can read, with nothing in it that unlocks anything.
 * Holds the logs, the configuration without secrets, a run-history summary, the database's
 * integrity result and the versions. Every text goes through a redactor that knows every secret
 * in the keychain, and the finished bundle is checked for them once more before it is handed out.
 */
export interface DiagnosticsOptions {
  /** Folders whose *.log files go in (the data directory's logs/ always does). */
  logDirs?: string[];
  /** Versions the shell knows (electron, chrome); merged into versions.json. */
  versions?: Record<string, string>;
  days?: number;
}

export interface DiagnosticsBundle {
  fileName: string;
  bytes: Uint8Array;
  /** The file names inside the zip. */
  entries: string[];
}

const MAX_LOG_BYTES = 5 * 1024 * 1024;

function tail(file: string): string {
  const size = fs.statSync(file).size;
  if (size <= MAX_LOG_BYTES) return fs.readFileSync(file, 'utf8');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_LOG_BYTES);
    fs.readSync(fd, buf, 0, MAX_LOG_BYTES, size - MAX_LOG_BYTES);
    return `[first ${size - MAX_LOG_BYTES} bytes left out]\n${buf.toString('utf8')}`;
  } finally {
    fs.closeSync(fd);
  }
}

/** The keychain's values for every biller, so redaction does not depend on what this process happened to read. */
async function knownSecrets(core: DiagnosticsSource): Promise<string[]> {
  const values: string[] = [];
  for (const biller of core.billers.profiles()) {
    for (const name of SECRET_NAMES) {
      try {
        const v = await core.secrets.get(biller.id, name);
        if (v) values.push(v);
      } catch {
        // No keychain: nothing to read, so nothing of it can be in the bundle either.
      }
    }
  }
  return values;
}

function runHistory(core: DiagnosticsSource, sinceIso: string) {
  const rows = core.db
    .prepare(
      `SELECT b.name AS biller, r.job AS job, r.state AS state, COUNT(*) AS runs,
              MAX(r.started_at) AS lastStartedAt, SUM(r.failed_count) AS failedRecords
         FROM job_runs r JOIN billers b ON b.id = r.biller_id
        WHERE r.started_at >= ? GROUP BY b.name, r.job, r.state ORDER BY b.name, r.job, r.state`,
    )
    .all(sinceIso);
  const lastErrors = core.db
    .prepare(
      `SELECT b.name AS biller, r.job AS job, r.started_at AS startedAt, r.error_code AS code, r.error_message AS message
         FROM job_runs r JOIN billers b ON b.id = r.biller_id
        WHERE r.started_at >= ? AND r.state = 'failed' ORDER BY r.started_at DESC LIMIT 50`,
    )
    .all(sinceIso);
  return { since: sinceIso, byJobAndState: rows, lastErrors };
}

function integrity(core: DiagnosticsSource) {
  const rows = core.db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  const result = rows.map((r) => r.integrity_check);
  return {
    ok: result.length === 1 && result[0] === 'ok',
    result,
    schemaVersion: core.db.pragma('user_version', { simple: true }) as number,
    journalMode: core.db.pragma('journal_mode', { simple: true }) as string,
  };
}

function preferences(dataDir: string): unknown {
  const file = path.join(dataDir, 'preferences.json');
  try {
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  } catch {
    return { unreadable: true };
  }
}

export async function buildDiagnostics(
  core: DiagnosticsSource,
  options: DiagnosticsOptions = {},
): Promise<DiagnosticsBundle> {
  const now = core.clock.now();
  const redactor = new Redactor();
  const secrets = await knownSecrets(core);
  for (const s of secrets) redactor.add(s);
  const clean = (text: string) => redactor.redact(core.redactor.redact(text));
  const json = (value: unknown) => clean(JSON.stringify(value, null, 2));

  const sqlite = (core.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const files: Record<string, string> = {
    'versions.json': json({
      app: APP_VERSION,
      node: process.versions.node,
      sqlite,
      os: `${os.type()} ${os.release()} (${process.platform} ${process.arch})`,
      ...options.versions,
    }),
    'integrity.json': json(integrity(core)),
    'configuration.json': json({
      installationId: core.installationId,
      dataDir: core.dataDir,
      // Profiles never hold a secret; the keychain's answer is only whether each one is set.
      billers: await Promise.all(
        core.billers.profiles().map(async (b) => ({
          ...b,
          secretsSet: await core.secrets.status(b.id).catch(() => 'keychain unavailable'),
        })),
      ),
      jobs: core.billers.profiles().map((b) => {
        const o = core.jobs.overview(b.id);
        return {
          biller: b.name,
          pausedAll: o.pausedAll,
          jobs: o.jobs.map((j) => ({
            job: j.job,
            schedule: j.scheduleText,
            pause: j.pause,
            failureStreak: j.failureStreak,
          })),
        };
      }),
      preferences: preferences(core.dataDir),
    }),
    'run-history.json': json(
      runHistory(core, new Date(now.getTime() - (options.days ?? 30) * 86_400_000).toISOString()),
    ),
  };
  const logDirs = [path.join(core.dataDir, 'logs'), ...(options.logDirs ?? [])];
  logDirs.forEach((dir, i) => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.log'))) {
      files[i === 0 ? `logs/${name}` : `logs/shell-${i}/${name}`] = clean(tail(path.join(dir, name)));
    }
  });
  // The last line of defence: nothing leaves with a keychain value in it.
  for (const [name, text] of Object.entries(files)) {
    if (secrets.some((s) => text.includes(s)))
      throw new Error(`Diagnostics stopped: ${name} would have carried a secret.`);
  }
  const zippable: Zippable = {};
  const mtime = now;
  for (const [name, text] of Object.entries(files)) zippable[name] = [strToU8(text), { mtime }];
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return {
    fileName: `impresa-bridge-diagnostics-${stamp}.zip`,
    bytes: zipSync(zippable, { level: 6 }),
    entries: Object.keys(files),
  };
}
