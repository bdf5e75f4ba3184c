import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AuditLog, osActor, resolveOsActor, type Actor } from '../ground/audit';
import { systemClock, type Clock } from '../ground/clock';
import { DesktopService, desktopHandlers } from './desktop';
import { buildDiagnostics } from './diagnostics';
import { FileLogger, Redactor, type Logger } from '../ground/logger';
import { APP_VERSION } from '../ground/version';
import { billersHandlers, secretsHandlers } from '../billers/billers.ipc';
import { agendaSources } from '../calls/agenda-sources';
import { callsHandlers } from '../calls/calls.ipc';
import { CallReminders } from '../calls/reminders';
import { CallsService } from '../calls/calls.service';
import { BillersService } from '../billers/billers.service';
import { ClientFactory } from '../clients/client-factory';
import { EventBus, Router } from '../ipc/router';
import { ImpresaSampleSource, type SampleRecordBuilder } from '../mapping/impresa-sample-source';
import { mappingHandlers } from '../mapping/mapping.ipc';
import { MappingService } from '../mapping/mapping.service';
import { paymentsHandlers } from '../payments/payments.ipc';
import { PaymentsService } from '../payments/payments.service';
import type { JobDefinition } from '../jobs/job-definition';
import { bifHandlers, createJobDefinitions, InvoiceFileSettingsStore, type JobDeps } from '../jobs/definitions';
import { accountSource, billSource } from '../jobs/definitions/bif-file';
import { jobsHandlers } from '../jobs/jobs.ipc';
import { JobsService, type JobsServiceOptions } from '../jobs/jobs.service';
import { SecretStore, type KeychainBackend } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { ConfSettings, type Settings } from '../store/settings';
import { ChecklistService } from '../conversion/checklist.service';
import { checklistHandlers, goLiveSteps, setupHandlers } from '../conversion/conversion.ipc';
import { SetupService } from '../conversion/setup.service';
import { ModeService, parseMode } from './mode';
import { openAppDatabase } from './migrations';
import { icHandlers, IcOps } from '../ic-ops/ic-ops';
import { Retention, retentionHandlers } from '../retention/retention';
import { notifyDatesFor } from '../../shared/domain/notify-dates';

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'browser' | 'cli';
  clock?: Clock;
  logger?: Logger;
  /** The secret values to keep out of logs; pass the one a custom `logger` redacts with. */
  redactor?: Redactor;
  settings?: Settings;
  actor?: Actor;
  /** Tests may pass another keychain backend; production always uses keytar. */
  keychain?: () => KeychainBackend;
  /**
   * The six jobs' implementations (kinds left out show as not available); a function gets the
   * core's clients, mapping and settings to build them with. Default: createJobDefinitions.
   */
  jobDefinitions?: JobDefinition[] | ((deps: JobDeps) => JobDefinition[]);
  jobOptions?: Partial<JobsServiceOptions>;
  /**
   * Start the job schedules now (default: yes, except for the CLI). The app passes false when it
   * must start the embedded sandbox first, then calls `jobs.start()`: a catch-up run at start must
   * not reach for last run's simulators.
   */
  startJobs?: boolean;
  /** The mode a new installation starts in without the first-run screen (default: IMPRESA_BRIDGE_MODE). */
  initialMode?: 'pm' | 'clerk' | null;
}

/**
 * The composition root: every service built once, by hand, in dependency order. Electron, the
 * browser host and the CLI all start here, so they run the very same app.
 */
export interface Core {
  dataDir: string;
  installationId: string;
  clock: Clock;
  log: Logger;
  redactor: Redactor;
  db: Db;
  settings: Settings;
  router: Router;
  events: EventBus;
  audit: AuditLog;
  secrets: SecretStore;
  billers: BillersService;
  mapping: MappingService;
  /** InvoiceCloud and InHANCE clients per biller, built from its profile and the keychain. */
  clients: ClientFactory;
  /** Per biller: the BIF notification date rules and PDF linking (read by the Invoice File job). */
  invoiceFileSettings: InvoiceFileSettingsStore;
  /** The ledger, the Payments job, the clerk's queue, reports. */
  payments: PaymentsService;
  jobs: JobsService;
  /** Clerk mode or PM mode, enforced by the router. */
  mode: ModeService;
  /** A biller's conversion setup items, and the checklist with its go-live gate. */
  setup: SetupService;
  checklist: ChecklistService;
  /** The weekly InHANCE support calls, their notes and action items, Smartsheet and Confluence. */
  calls: CallsService;
  /** InvoiceCloud operations tools: per-biller rate limits, side-by-side look-ups, CSV batches. */
  icOps: IcOps;
  /** Desktop preferences, diagnostics, update status (the Electron shell attaches the OS parts). */
  desktop: DesktopService;
  /** How long logs, run history and batch results are kept; pruned daily by the app. */
  retention: Retention;
  /** Called when the process ends: stops timers, closes the database. */
  close(): Promise<void>;
  /** Shutdown hooks registered by domain services (schedulers, servers). */
  onClose(fn: () => Promise<void> | void): void;
}

function installationId(db: Db): string {
  const row = db.prepare("SELECT value FROM installation WHERE key = 'id'").get() as { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  db.prepare("INSERT INTO installation (key, value) VALUES ('id', ?)").run(id);
  return id;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const redactor = options.redactor ?? new Redactor();
  const log = options.logger ?? new FileLogger(path.join(options.dataDir, 'logs'), redactor);
  const db = openAppDatabase(options.dataDir);
  const settings = options.settings ?? new ConfSettings(options.dataDir);
  const events = new EventBus();
  const router = new Router(log);
  const audit = new AuditLog(db, clock, options.actor ?? osActor());
  // Windows reads the account's full name in the background (PowerShell is slow to start).
  if (!options.actor) void resolveOsActor().then((a) => audit.useDisplayName(a.id, a.name));
  const secrets = new SecretStore(redactor, options.keychain);
  const billers = new BillersService(db, secrets, events, audit, clock);
  const mapping = new MappingService(db, billers, events, audit, clock);
  const icOps = new IcOps(db, { audit, clock, events, log, billers });
  const clients = new ClientFactory({
    secrets,
    redactor,
    log,
    billers,
    limiter: (billerId) => icOps.limits.limiter(billerId),
  });
  icOps.attachClients((billerId) => clients.forBiller(billerId));
  events.subscribe((event, payload) => {
    if (event === 'secrets:changed') clients.invalidate(payload.billerId);
    if (event === 'billers:changed') clients.invalidate(payload.id);
  });
  const closers: Array<() => Promise<void> | void> = [];
  const id = installationId(db);
  const invoiceFileSettings = new InvoiceFileSettingsStore(db, { audit, events, clock, billers });
  const jobDeps: JobDeps = { clients: (billerId) => clients.forBiller(billerId), mapping, invoiceFileSettings };
  const payments: PaymentsService = new PaymentsService({
    db,
    clock,
    audit,
    events,
    log,
    billers,
    clients,
    cursor: (billerId, name) => jobs.cursor(billerId, 'payments', name),
  });
  // The five data jobs, and the payments core's own Payments job (download, ledger, write path, recovery).
  const definitions =
    typeof options.jobDefinitions === 'function'
      ? options.jobDefinitions(jobDeps)
      : (options.jobDefinitions ?? [...createJobDefinitions(jobDeps), payments.job()]);
  const jobs = new JobsService({
    db,
    clock,
    audit,
    events,
    // Failure streaks and second-job-host warnings reach the screen as a notice (an OS notification in Electron).
    notifier: {
      notify: (n) =>
        events.emit('app:notice', {
          level: n.level,
          title: n.title,
          message: n.message,
          screen: 'jobs',
          billerId: n.billerId,
        }),
    },
    log,
    billers,
    installationId: id,
    runOwnersDir: path.join(options.dataDir, 'run-owners'),
    definitions,
    options: { redact: (t) => redactor.redact(t), ...options.jobOptions },
  });

  router.register('app', {
    info: async () => ({
      name: 'Impresa Bridge' as const,
      version: APP_VERSION,
      shell: options.shell === 'electron' ? ('electron' as const) : ('browser' as const),
      installationId: id,
      dataDir: options.dataDir,
      keychain: await secrets.probe(),
    }),
  });
  router.register('billers', billersHandlers(billers, clients));
  router.register(
    'secrets',
    secretsHandlers(billers, (billerId) => billers.get(billerId)),
  );
  // The mapping preview reads sample accounts from the biller's own InHANCE Impresa and maps them
  // exactly as the Invoice File job does: its field names, its notification dates.
  const previewRecords = (billerId: string): SampleRecordBuilder => {
    const rules = invoiceFileSettings.get(billerId).dates;
    return (account, bill) =>
      bill
        ? { account: accountSource(account), bill: billSource(bill, account), notify: notifyDatesFor(bill, rules) }
        : { account: accountSource(account), bill: null };
  };
  router.register(
    'mapping',
    mappingHandlers(mapping, new ImpresaSampleSource((billerId) => clients.impresa(billerId), previewRecords)),
  );
  router.register('jobs', jobsHandlers(jobs));
  router.register('bif', bifHandlers(invoiceFileSettings));
  router.register('payments', paymentsHandlers(payments));

  const mode = new ModeService({
    db,
    secrets,
    audit,
    clock,
    initialMode: options.initialMode === undefined ? parseMode(process.env.IMPRESA_BRIDGE_MODE) : options.initialMode,
  });
  router.guardWith((channel) => mode.guard(channel));
  router.register('mode', {
    get: () => mode.state(),
    choose: ({ mode: m, passphrase }) => mode.choose(m, passphrase),
    switch: ({ mode: m, passphrase }) => mode.switchTo(m, passphrase),
  });
  const setup = new SetupService({ db, dataDir: options.dataDir, billers, clients, audit, events, clock });
  // The weekly-call item completes from the Calls domain's records (built just below; read only later).
  const checklist = new ChecklistService({
    db,
    clock,
    audit,
    events,
    billers,
    setup,
    mapping,
    jobs,
    invoiceFileSettings,
    lastCallAt: (billerId: string): string | null => calls.lastCallHeldAt(billerId),
  });
  // The go-live gate: live posting and schedules on (job host) need the required checklist items done.
  billers.guardUpdates(async (before, after, overrideReason) => {
    for (const step of goLiveSteps(before, after)) await checklist.assertGoLive(before.id, step, overrideReason);
  });
  router.register('setup', setupHandlers({ db, clock, billers, setup }));
  router.register('checklist', checklistHandlers(checklist, billers));
  const calls = new CallsService({
    db,
    clock,
    audit,
    events,
    billers,
    secrets,
    agenda: agendaSources(jobs, payments, checklist),
  });
  router.register('calls', callsHandlers(calls));
  if (options.shell !== 'cli') {
    const reminders = new CallReminders(calls, billers, clock, (n) => events.emit('app:notice', n));
    reminders.start();
    closers.push(() => reminders.stop());
  }
  router.register('ic', icHandlers(icOps));
  const shellVersions = {
    shell: options.shell,
    ...(process.versions.electron
      ? { electron: process.versions.electron, chrome: process.versions.chrome ?? '' }
      : {}),
  };
  const desktop = new DesktopService(settings, events, ({ logDirs }) =>
    buildDiagnostics(core, { logDirs, versions: shellVersions }),
  );
  router.register('desktop', desktopHandlers(desktop));
  const retention = new Retention(db, { clock, audit, log, logsDir: path.join(options.dataDir, 'logs') });
  if (options.shell !== 'cli') closers.push(retention.schedule());
  router.register('retention', retentionHandlers(retention));
  // The CLI is short-lived and runs jobs by hand; only the app keeps schedules.
  if (options.startJobs ?? options.shell !== 'cli') jobs.start();
  closers.push(() => jobs.stop());

  const core: Core = {
    dataDir: options.dataDir,
    installationId: id,
    clock,
    log,
    redactor,
    db,
    settings,
    router,
    events,
    audit,
    secrets,
    billers,
    mapping,
    clients,
    invoiceFileSettings,
    payments,
    jobs,
    mode,
    setup,
    checklist,
    calls,
    icOps,
    desktop,
    retention,
    onClose: (fn) => closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (error) {
          log.warn('A shutdown step failed', error);
        }
      }
      db.close();
    },
  };
  log.info(`Impresa Bridge ${APP_VERSION} started (${options.shell}) with data in ${options.dataDir}`);
  return core;
}
