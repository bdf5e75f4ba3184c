import type { World } from './world';

/**
 * InHANCE Impresa's mutable side: batches, batch entries, receipts, reversals. Every method is
 * deterministic given the world and its arguments (ids are counters, times come from the sim
 * clock), so the state log can replay them after a restart. A method either changes state and
 * returns, or throws ImpresaSimError having changed nothing.
 */
export type EntryState = 'pending' | 'posted' | 'held' | 'rejected';
export type PaymentType = 'card' | 'ach';

export interface SimBatch {
  batchId: string;
  depositDate: string;
  description: string;
  installationId: string | null;
  createdAt: string;
  /** ASSUMED contract: IC's control total for the deposit day, as the job host last downloaded it (null until set). */
  icTotalCents: number | null;
  icCount: number | null;
  icTotalAt: string | null;
  /** The installation that set the IC total. */
  icTotalBy: string | null;
}

export interface SimEntry {
  entryId: string;
  batchId: string;
  externalRef: string;
  accountNumber: string;
  originalAccountNumber: string;
  amountCents: number;
  convenienceFeeCents: number;
  paymentDate: string;
  paymentType: PaymentType;
  invoiceNumber: string;
  payerName: string;
  memo: string;
  state: EntryState;
  stateReason: string;
  stateBy: string;
  stateAt: string | null;
  receiptId: string | null;
  installationId: string | null;
  createdAt: string;
}

export interface SimReceipt {
  receiptId: string;
  externalRef: string;
  accountNumber: string;
  amountCents: number;
  convenienceFeeCents: number;
  paymentDate: string;
  paymentType: PaymentType;
  invoiceNumber: string;
  source: 'entry' | 'live';
  entryId: string | null;
  postedBy: string;
  postedAt: string;
  installationId: string | null;
  reversalId: string | null;
}

export interface SimReversal {
  reversalId: string;
  receiptId: string;
  externalRef: string | null;
  reasonCode: string;
  memo: string;
  reversedBy: string;
  reversedAt: string;
  amountCents: number;
}

export class ImpresaSimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly existing?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;
const bad = (message: string) => new ImpresaSimError(400, 'VALIDATION', message);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface EntryInput {
  externalRef: string;
  accountNumber: string;
  amountCents: number;
  convenienceFeeCents?: number;
  paymentDate: string;
  paymentType: PaymentType;
  invoiceNumber?: string;
  payerName?: string;
  memo?: string;
  installationId?: string | null;
}

export interface ReceiptInput extends EntryInput {
  user: string;
}

export class ImpresaState {
  readonly batches = new Map<string, SimBatch>();
  readonly entries = new Map<string, SimEntry>();
  readonly receipts = new Map<string, SimReceipt>();
  readonly reversals = new Map<string, SimReversal>();
  /** externalRef → entry id / live receipt id: where a payment landed. */
  private readonly entryByRef = new Map<string, string>();
  private readonly receiptByRef = new Map<string, string>();
  private readonly reversalByRef = new Map<string, string>();
  private readonly batchByDay = new Map<string, string>();

  constructor(private readonly world: World) {}

  private now(): string {
    return new Date(this.world.now()).toISOString();
  }

  private checkPayment(input: EntryInput): void {
    if (typeof input.externalRef !== 'string' || !input.externalRef.trim()) throw bad('externalRef is required.');
    if (typeof input.accountNumber !== 'string' || !input.accountNumber.trim()) throw bad('accountNumber is required.');
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0)
      throw bad('amountCents must be a whole number of cents above zero.');
    if (
      input.convenienceFeeCents !== undefined &&
      (!Number.isInteger(input.convenienceFeeCents) || input.convenienceFeeCents < 0)
    )
      throw bad('convenienceFeeCents must be a whole number of cents.');
    if (typeof input.paymentDate !== 'string' || !DAY_RE.test(input.paymentDate))
      throw bad('paymentDate must be YYYY-MM-DD.');
    if (input.paymentType !== 'card' && input.paymentType !== 'ach') throw bad('paymentType must be card or ach.');
  }

  /** Where an external reference already landed, for 409 answers and lookups. */
  lookup(externalRef: string): { entry: SimEntry | null; receipt: SimReceipt | null; reversal: SimReversal | null } {
    const entry = this.entries.get(this.entryByRef.get(externalRef) ?? '') ?? null;
    const receipt =
      this.receipts.get(this.receiptByRef.get(externalRef) ?? '') ??
      (entry?.receiptId ? (this.receipts.get(entry.receiptId) ?? null) : null);
    const reversal =
      this.reversals.get(this.reversalByRef.get(externalRef) ?? '') ??
      (receipt?.reversalId ? (this.reversals.get(receipt.reversalId) ?? null) : null);
    return { entry, receipt, reversal };
  }

  private assertRefFree(externalRef: string): void {
    if (this.entryByRef.has(externalRef) || this.receiptByRef.has(externalRef)) {
      throw new ImpresaSimError(
        409,
        'DUPLICATE_EXTERNAL_REF',
        `A payment with external reference ${externalRef} is already in InHANCE.`,
        this.lookup(externalRef),
      );
    }
  }

  createBatch(input: { depositDate: string; description?: string; installationId?: string | null }): SimBatch {
    if (typeof input.depositDate !== 'string' || !DAY_RE.test(input.depositDate))
      throw bad('depositDate must be YYYY-MM-DD.');
    const existing = this.batchByDay.get(input.depositDate);
    if (existing)
      throw new ImpresaSimError(
        409,
        'BATCH_EXISTS',
        `A batch for deposit date ${input.depositDate} already exists (${existing}).`,
        { batch: this.batchView(existing) },
      );
    const batch: SimBatch = {
      batchId: id('B', this.batches.size + 1),
      depositDate: input.depositDate,
      description: input.description ?? `InvoiceCloud payments ${input.depositDate}`,
      installationId: input.installationId ?? null,
      createdAt: this.now(),
      icTotalCents: null,
      icCount: null,
      icTotalAt: null,
      icTotalBy: null,
    };
    this.batches.set(batch.batchId, batch);
    this.batchByDay.set(batch.depositDate, batch.batchId);
    return batch;
  }

  /** A batch with its running entry count and total, as the API shows it. */
  batchView(batchId: string): SimBatch & { entryCount: number; totalCents: number } {
    const batch = this.batch(batchId);
    let entryCount = 0;
    let totalCents = 0;
    for (const e of this.entries.values()) {
      if (e.batchId !== batchId) continue;
      entryCount++;
      totalCents += e.amountCents;
    }
    return { ...batch, entryCount, totalCents };
  }

  /**
   * Sets IC's control total for the batch's day. Idempotent: the same values again change nothing
   * (the time stays when they were first set), so a retried PATCH is harmless.
   */
  setIcTotal(
    batchId: string,
    input: { icTotalCents?: unknown; icCount?: unknown; installationId?: unknown },
  ): SimBatch {
    const batch = this.batch(batchId);
    if (!Number.isSafeInteger(input.icTotalCents)) throw bad('icTotalCents must be a whole number of cents.');
    if (!Number.isSafeInteger(input.icCount) || (input.icCount as number) < 0)
      throw bad('icCount must be a whole number, zero or more.');
    if (input.installationId !== undefined && input.installationId !== null && typeof input.installationId !== 'string')
      throw bad('installationId must be a string.');
    const by = (input.installationId as string | null | undefined) ?? null;
    if (batch.icTotalCents === input.icTotalCents && batch.icCount === input.icCount && batch.icTotalBy === by)
      return batch;
    batch.icTotalCents = input.icTotalCents as number;
    batch.icCount = input.icCount as number;
    batch.icTotalBy = by;
    batch.icTotalAt = this.now();
    return batch;
  }

  batch(batchId: string): SimBatch {
    const batch = this.batches.get(batchId);
    if (!batch) throw new ImpresaSimError(404, 'NOT_FOUND', `Batch ${batchId} does not exist.`);
    return batch;
  }

  createEntry(batchId: string, input: EntryInput): SimEntry {
    this.batch(batchId);
    this.checkPayment(input);
    this.assertRefFree(input.externalRef);
    const entry: SimEntry = {
      entryId: id('E', this.entries.size + 1),
      batchId,
      externalRef: input.externalRef,
      accountNumber: input.accountNumber.trim(),
      originalAccountNumber: input.accountNumber.trim(),
      amountCents: input.amountCents,
      convenienceFeeCents: input.convenienceFeeCents ?? 0,
      paymentDate: input.paymentDate,
      paymentType: input.paymentType,
      invoiceNumber: input.invoiceNumber ?? '',
      payerName: input.payerName ?? '',
      memo: input.memo ?? '',
      state: 'pending',
      stateReason: '',
      stateBy: '',
      stateAt: null,
      receiptId: null,
      installationId: input.installationId ?? null,
      createdAt: this.now(),
    };
    this.entries.set(entry.entryId, entry);
    this.entryByRef.set(entry.externalRef, entry.entryId);
    return entry;
  }

  entry(entryId: string): SimEntry {
    const entry = this.entries.get(entryId);
    if (!entry) throw new ImpresaSimError(404, 'NOT_FOUND', `Batch entry ${entryId} does not exist.`);
    return entry;
  }

  private alreadyPosted(entry: SimEntry): ImpresaSimError {
    return new ImpresaSimError(
      409,
      'ALREADY_POSTED',
      `Entry ${entry.entryId} was already posted by ${entry.stateBy} at ${entry.stateAt}.`,
      {
        entry,
        receipt: entry.receiptId ? this.receipts.get(entry.receiptId) : null,
      },
    );
  }

  private accountIndex(accountNumber: string): number {
    const index = this.world.indexOf(accountNumber);
    if (index < 0)
      throw new ImpresaSimError(404, 'ACCOUNT_NOT_FOUND', `Account ${accountNumber} does not exist in InHANCE.`);
    return index;
  }

  private user(user: unknown): string {
    if (typeof user !== 'string' || !user.trim()) throw bad('user is required: say who does this.');
    return user.trim();
  }

  private addReceipt(
    input: EntryInput,
    user: string,
    source: SimReceipt['source'],
    entryId: string | null,
  ): SimReceipt {
    const index = this.accountIndex(input.accountNumber);
    // A business refusal, not a bad request: the account exists but takes no more payments.
    const status = this.world.status[index];
    if (status === 1)
      throw new ImpresaSimError(
        422,
        'ACCOUNT_CLOSED',
        `Account ${input.accountNumber} is closed; payments cannot be posted to it.`,
      );
    if (status === 2)
      throw new ImpresaSimError(
        422,
        'ACCOUNT_FINAL',
        `Account ${input.accountNumber} is final (moved out, last bill sent); payments cannot be posted to it.`,
      );
    const receipt: SimReceipt = {
      receiptId: id('R', this.receipts.size + 1),
      externalRef: input.externalRef,
      accountNumber: input.accountNumber,
      amountCents: input.amountCents,
      convenienceFeeCents: input.convenienceFeeCents ?? 0,
      paymentDate: input.paymentDate,
      paymentType: input.paymentType,
      invoiceNumber: input.invoiceNumber ?? '',
      source,
      entryId,
      postedBy: user,
      postedAt: this.now(),
      installationId: input.installationId ?? null,
      reversalId: null,
    };
    this.receipts.set(receipt.receiptId, receipt);
    this.world.adjustBalance(index, -receipt.amountCents, this.world.now());
    return receipt;
  }

  postEntry(entryId: string, input: { user: string }): { entry: SimEntry; receipt: SimReceipt } {
    const entry = this.entry(entryId);
    const user = this.user(input.user);
    if (entry.state === 'posted') throw this.alreadyPosted(entry);
    if (entry.state === 'rejected')
      throw new ImpresaSimError(
        409,
        'INVALID_STATE',
        `Entry ${entryId} was rejected by ${entry.stateBy}; undo the rejection before posting it.`,
        { entry },
      );
    const receipt = this.addReceipt(entry, user, 'entry', entry.entryId);
    Object.assign(entry, {
      state: 'posted',
      stateBy: user,
      stateAt: receipt.postedAt,
      stateReason: '',
      receiptId: receipt.receiptId,
    });
    return { entry, receipt };
  }

  holdEntry(entryId: string, input: { user: string; reason?: string }): SimEntry {
    return this.transition(entryId, input.user, ['pending', 'held'], 'held', input.reason ?? '');
  }

  rejectEntry(entryId: string, input: { user: string; reason: string }): SimEntry {
    if (typeof input.reason !== 'string' || !input.reason.trim()) throw bad('reason is required to reject an entry.');
    return this.transition(entryId, input.user, ['pending', 'held'], 'rejected', input.reason.trim());
  }

  undoEntry(entryId: string, input: { user: string }): SimEntry {
    return this.transition(entryId, input.user, ['held', 'rejected'], 'pending', '');
  }

  private transition(entryId: string, rawUser: string, from: EntryState[], to: EntryState, reason: string): SimEntry {
    const entry = this.entry(entryId);
    const user = this.user(rawUser);
    if (entry.state === 'posted') throw this.alreadyPosted(entry);
    if (!from.includes(entry.state))
      throw new ImpresaSimError(409, 'INVALID_STATE', `Entry ${entryId} is ${entry.state}; it cannot become ${to}.`, {
        entry,
      });
    Object.assign(entry, { state: to, stateBy: user, stateAt: this.now(), stateReason: reason });
    return entry;
  }

  reassignEntry(entryId: string, input: { user: string; accountNumber: string }): SimEntry {
    const entry = this.entry(entryId);
    const user = this.user(input.user);
    if (entry.state === 'posted') throw this.alreadyPosted(entry);
    if (typeof input.accountNumber !== 'string') throw bad('accountNumber is required.');
    this.accountIndex(input.accountNumber);
    Object.assign(entry, {
      accountNumber: input.accountNumber,
      stateBy: user,
      stateAt: this.now(),
      stateReason: `Reassigned from ${entry.accountNumber}`,
    });
    return entry;
  }

  /** Live posting (e.g. as IC Clerk): a receipt without a batch entry. */
  createReceipt(input: ReceiptInput): SimReceipt {
    this.checkPayment(input);
    const user = this.user(input.user);
    this.assertRefFree(input.externalRef);
    const receipt = this.addReceipt(input, user, 'live', null);
    this.receiptByRef.set(receipt.externalRef, receipt.receiptId);
    return receipt;
  }

  receipt(receiptId: string): SimReceipt {
    const receipt = this.receipts.get(receiptId);
    if (!receipt) throw new ImpresaSimError(404, 'NOT_FOUND', `Receipt ${receiptId} does not exist.`);
    return receipt;
  }

  reverseReceipt(
    receiptId: string,
    input: { user: string; reasonCode: string; memo?: string; externalRef?: string | null },
  ): { receipt: SimReceipt; reversal: SimReversal } {
    const receipt = this.receipt(receiptId);
    const user = this.user(input.user);
    if (typeof input.reasonCode !== 'string' || !/^[A-Z0-9_-]{1,20}$/i.test(input.reasonCode))
      throw bad('reasonCode is required (e.g. R01, CHARGEBACK).');
    if (receipt.reversalId) {
      throw new ImpresaSimError(409, 'ALREADY_REVERSED', `Receipt ${receiptId} was already reversed.`, {
        receipt,
        reversal: this.reversals.get(receipt.reversalId),
      });
    }
    const ref = input.externalRef?.trim() || null;
    if (ref && this.reversalByRef.has(ref)) {
      const other = this.reversals.get(this.reversalByRef.get(ref)!)!;
      throw new ImpresaSimError(
        409,
        'DUPLICATE_EXTERNAL_REF',
        `A reversal with external reference ${ref} already exists.`,
        { reversal: other, receipt: this.receipts.get(other.receiptId) },
      );
    }
    const reversal: SimReversal = {
      reversalId: id('V', this.reversals.size + 1),
      receiptId,
      externalRef: ref,
      reasonCode: input.reasonCode.toUpperCase(),
      memo: input.memo ?? '',
      reversedBy: user,
      reversedAt: this.now(),
      amountCents: receipt.amountCents,
    };
    this.reversals.set(reversal.reversalId, reversal);
    if (ref) this.reversalByRef.set(ref, reversal.reversalId);
    receipt.reversalId = reversal.reversalId;
    const index = this.world.indexOf(receipt.accountNumber);
    if (index >= 0) this.world.adjustBalance(index, receipt.amountCents, this.world.now());
    return { receipt, reversal };
  }

  updateContact(accountNumber: string, patch: { email?: string; phone?: string; paperless?: boolean }): number {
    const index = this.accountIndex(accountNumber);
    if (patch.email === undefined && patch.phone === undefined && patch.paperless === undefined)
      throw bad('Give at least one of email, phone, paperless.');
    if (
      patch.email !== undefined &&
      (typeof patch.email !== 'string' || (patch.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(patch.email)))
    )
      throw bad('email is not an email address.');
    if (patch.phone !== undefined && typeof patch.phone !== 'string') throw bad('phone must be text.');
    if (patch.paperless !== undefined && typeof patch.paperless !== 'boolean')
      throw bad('paperless must be true or false.');
    this.world.setInhanceContact(index, patch, this.world.now());
    return index;
  }

  setAutopay(
    accountNumber: string,
    bank: { bankName: string; routingNumber: string; accountLast4: string } | null,
  ): number {
    const index = this.accountIndex(accountNumber);
    if (bank) {
      if (typeof bank.bankName !== 'string' || !bank.bankName.trim()) throw bad('bank.bankName is required.');
      if (typeof bank.routingNumber !== 'string' || !/^\d{9}$/.test(bank.routingNumber))
        throw bad('bank.routingNumber must be 9 digits.');
      if (typeof bank.accountLast4 !== 'string' || !/^\d{4}$/.test(bank.accountLast4))
        throw bad('bank.accountLast4 must be 4 digits.');
    }
    this.world.setInhanceAutopay(
      index,
      bank ? { bankName: bank.bankName, routingNumber: bank.routingNumber, accountLast4: bank.accountLast4 } : null,
      this.world.now(),
    );
    return index;
  }

  summary() {
    const byState: Record<EntryState, { count: number; totalCents: number }> = {
      pending: { count: 0, totalCents: 0 },
      posted: { count: 0, totalCents: 0 },
      held: { count: 0, totalCents: 0 },
      rejected: { count: 0, totalCents: 0 },
    };
    const landings = new Map<string, number>();
    for (const e of this.entries.values()) {
      byState[e.state].count++;
      byState[e.state].totalCents += e.amountCents;
      landings.set(e.externalRef, (landings.get(e.externalRef) ?? 0) + 1);
    }
    const receipts = {
      count: 0,
      totalCents: 0,
      live: 0,
      fromEntries: 0,
      byUser: {} as Record<string, { count: number; totalCents: number }>,
    };
    for (const r of this.receipts.values()) {
      receipts.count++;
      receipts.totalCents += r.amountCents;
      if (r.source === 'live') {
        receipts.live++;
        landings.set(r.externalRef, (landings.get(r.externalRef) ?? 0) + 1);
      } else receipts.fromEntries++;
      const u = (receipts.byUser[r.postedBy] ??= { count: 0, totalCents: 0 });
      u.count++;
      u.totalCents += r.amountCents;
    }
    // An entry's own receipt shares its reference; anything more is a payment that landed twice.
    for (const r of this.receipts.values())
      if (r.source === 'entry' && this.entries.get(r.entryId ?? '')?.externalRef !== r.externalRef)
        landings.set(r.externalRef, (landings.get(r.externalRef) ?? 0) + 1);
    let reversalsTotal = 0;
    for (const v of this.reversals.values()) reversalsTotal += v.amountCents;
    return {
      batches: this.batches.size,
      entries: byState,
      receipts,
      reversals: { count: this.reversals.size, totalCents: reversalsTotal },
      duplicateExternalRefs: [...landings.values()].filter((n) => n > 1).length,
    };
  }
}
