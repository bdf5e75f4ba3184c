import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { billerInputSchema } from '../../shared/domain/biller';
import { AuditLog, type Actor } from '../ground/audit';
import type { Clock } from '../ground/clock';
import { Redactor } from '../ground/logger';
import { BillersService } from '../billers/billers.service';
import { EventBus } from '../ipc/router';
import { SecretStore } from '../secrets/secret-store';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { MappingService } from './mapping.service';

export const JANE: Actor = { id: 'jdoe', name: 'Jane Doe' };
export const RAVI: Actor = { id: 'rpatel', name: 'Ravi Patel' };

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  setTimer(): () => void {
    return () => undefined;
  }
}

/** An installation's mapping service on a real SQLite file, as `createCore` would build it. */
export function openInstallation(dataDir: string, clock: TestClock, actor: Actor) {
  const db = openAppDatabase(dataDir);
  const events = new EventBus();
  const heard: Array<{ event: string; payload: unknown }> = [];
  events.subscribe((event, payload) => heard.push({ event, payload }));
  const audit = new AuditLog(db, clock, actor);
  const billers = new BillersService(db, new SecretStore(new Redactor()), events, audit, clock);
  const mapping = new MappingService(db, billers, events, audit, clock);
  return { db, events, heard, audit, billers, mapping };
}

export function createBiller(billers: BillersService, name: string, invoiceFormatGuid: string | null = null) {
  return billers.createProfile(
    billerInputSchema.parse({
      name,
      timeZone: 'America/New_York',
      billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      invoiceTypeId: 7,
      invoiceFormatGuid,
      impresaUrl: 'http://127.0.0.1:9/impresa',
      impresaUser: 'bridge',
      postingMode: 'pending',
    }),
  );
}

/** A fresh data folder with one biller, "Springfield Water". */
export function mappingWorld() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'impresa-bridge-mapping-'));
  const clock = new TestClock(new Date('2025-03-03T14:00:00.000Z'));
  const install = openInstallation(dataDir, clock, JANE);
  const biller = createBiller(install.billers, 'Springfield Water');
  return {
    dataDir,
    clock,
    ...install,
    biller,
    cleanup: (...dbs: Db[]) => {
      for (const db of [install.db, ...dbs]) if (db.open) db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
