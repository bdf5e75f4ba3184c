import fs from 'node:fs';
import path from 'node:path';
import { IcState } from './ic-state';
import { ImpresaState } from './impresa-state';
import { World } from './world';

/**
 * The sandbox's memory across restarts: an append-only JSON-lines log of every successful
 * mutation (and every clock advance), replayed over the regenerated world on start. The world
 * itself is never stored: it is a function of (seed, accounts, start).
 */
export const STATE_FILE = 'sandbox-state.jsonl';

export interface StateHeader {
  format: 'impresa-sandbox-state';
  version: 1;
  seed: string;
  accounts: number;
  startAt: number;
}

export type LoggedOp =
  | { t: 'advance'; ms: number }
  | { t: 'ic'; op: keyof typeof IC_OPS; args: unknown }
  | { t: 'impresa'; op: keyof typeof IMPRESA_OPS; args: unknown };

/* eslint-disable @typescript-eslint/no-explicit-any */
const IC_OPS = {
  upload: (s: IcState, a: any) => s.upload(a),
  updateBalances: (s: IcState, a: any) => s.updateBalances(a),
  updateCustomer: (s: IcState, a: any) => s.updateCustomer(a),
};

const IMPRESA_OPS = {
  createBatch: (s: ImpresaState, a: any) => s.createBatch(a),
  setBatchIcTotal: (s: ImpresaState, a: any) => s.setIcTotal(a.batchId, a.input),
  createEntry: (s: ImpresaState, a: any) => s.createEntry(a.batchId, a.input),
  postEntry: (s: ImpresaState, a: any) => s.postEntry(a.entryId, a.input),
  holdEntry: (s: ImpresaState, a: any) => s.holdEntry(a.entryId, a.input),
  rejectEntry: (s: ImpresaState, a: any) => s.rejectEntry(a.entryId, a.input),
  undoEntry: (s: ImpresaState, a: any) => s.undoEntry(a.entryId, a.input),
  reassignEntry: (s: ImpresaState, a: any) => s.reassignEntry(a.entryId, a.input),
  createReceipt: (s: ImpresaState, a: any) => s.createReceipt(a),
  reverseReceipt: (s: ImpresaState, a: any) => s.reverseReceipt(a.receiptId, a.input),
  updateContact: (s: ImpresaState, a: any) => s.updateContact(a.accountNumber, a.patch),
  setAutopay: (s: ImpresaState, a: any) => s.setAutopay(a.accountNumber, a.bank),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export type IcOpName = keyof typeof IC_OPS;
export type ImpresaOpName = keyof typeof IMPRESA_OPS;

export class SandboxStateError extends Error {}

/**
 * The seed and size an earlier start saved in `dir`, or null when it holds no state yet. A restart
 * reuses them, so the world (and the sandbox biller's GUID and key, derived from the seed) stays the same.
 */
export function savedSandboxWorld(dir: string): { seed: string; accounts: number } | null {
  const file = path.join(dir, STATE_FILE);
  if (!fs.existsSync(file)) return null;
  // The header is the first line; the log after it can be long, so read only the start.
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const first = head.subarray(0, read).toString('utf8').split('\n', 1)[0] ?? '';
  try {
    const header = JSON.parse(first) as Partial<StateHeader>;
    if (
      header.format === 'impresa-sandbox-state' &&
      typeof header.seed === 'string' &&
      typeof header.accounts === 'number'
    )
      return { seed: header.seed, accounts: header.accounts };
  } catch {
    // Unreadable: SandboxCore.open says what is wrong with the file.
  }
  return null;
}

/** World + both simulators' state + the log that makes them durable. */
export class SandboxCore {
  readonly ic: IcState;
  readonly impresa: ImpresaState;
  private file: string | null = null;

  constructor(readonly world: World) {
    this.ic = new IcState(world);
    this.impresa = new ImpresaState(world);
  }

  /**
   * Opens (or creates) the state log in `dir`. The header fixes seed, size and start; asking for
   * another seed or size over an existing log is refused rather than silently mixed.
   */
  static open(options: {
    seed: string | number;
    accounts: number;
    startAt?: number;
    stateDir?: string | null;
  }): SandboxCore {
    if (!options.stateDir)
      return new SandboxCore(
        new World({
          seed: options.seed,
          accounts: options.accounts,
          ...(options.startAt !== undefined ? { startAt: options.startAt } : {}),
        }),
      );
    fs.mkdirSync(options.stateDir, { recursive: true });
    const file = path.join(options.stateDir, STATE_FILE);
    const lines = fs.existsSync(file)
      ? fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
      : [];
    let header: StateHeader | null = null;
    const ops: LoggedOp[] = [];
    lines.forEach((line, i) => {
      try {
        const value = JSON.parse(line) as StateHeader | LoggedOp;
        if (i === 0) header = value as StateHeader;
        else ops.push(value as LoggedOp);
      } catch {
        // A torn last line (the process was killed mid-write) is dropped; anything else is damage.
        if (i !== lines.length - 1)
          throw new SandboxStateError(
            `The sandbox state file ${file} is damaged at line ${i + 1}. Move it away to start afresh.`,
          );
      }
    });
    const h = header as StateHeader | null;
    if (
      h &&
      (h.format !== 'impresa-sandbox-state' || h.seed !== String(options.seed) || h.accounts !== options.accounts)
    ) {
      throw new SandboxStateError(
        `The sandbox state in ${options.stateDir} belongs to seed "${h.seed}" with ${h.accounts} accounts, not seed "${options.seed}" with ${options.accounts}. Use the same seed and size, or another state folder.`,
      );
    }
    const world = new World({
      seed: options.seed,
      accounts: options.accounts,
      ...(h ? { startAt: h.startAt } : options.startAt !== undefined ? { startAt: options.startAt } : {}),
    });
    const core = new SandboxCore(world);
    for (const op of ops) core.apply(op);
    if (!h) {
      const fresh: StateHeader = {
        format: 'impresa-sandbox-state',
        version: 1,
        seed: String(options.seed),
        accounts: options.accounts,
        startAt: world.startAt,
      };
      fs.writeFileSync(file, `${JSON.stringify(fresh)}\n`);
    }
    core.file = file;
    return core;
  }

  private apply(op: LoggedOp): unknown {
    if (op.t === 'advance') return this.world.advance(op.ms);
    if (op.t === 'ic') return IC_OPS[op.op](this.ic, op.args);
    return IMPRESA_OPS[op.op](this.impresa, op.args);
  }

  private record(op: LoggedOp): void {
    if (this.file) fs.appendFileSync(this.file, `${JSON.stringify(op)}\n`);
  }

  /** Runs a mutation; logged only when it succeeded (a failed one changed nothing). */
  icMutate<K extends IcOpName>(op: K, args: Parameters<(typeof IC_OPS)[K]>[1]): ReturnType<(typeof IC_OPS)[K]> {
    const result = IC_OPS[op](this.ic, args) as ReturnType<(typeof IC_OPS)[K]>;
    this.record({ t: 'ic', op, args });
    return result;
  }

  impresaMutate<K extends ImpresaOpName>(
    op: K,
    args: Parameters<(typeof IMPRESA_OPS)[K]>[1],
  ): ReturnType<(typeof IMPRESA_OPS)[K]> {
    const result = IMPRESA_OPS[op](this.impresa, args) as ReturnType<(typeof IMPRESA_OPS)[K]>;
    this.record({ t: 'impresa', op, args });
    return result;
  }

  advance(ms: number): ReturnType<World['advance']> {
    const result = this.world.advance(ms);
    this.record({ t: 'advance', ms });
    return result;
  }
}
