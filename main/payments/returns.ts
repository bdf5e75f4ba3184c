import type { Clock } from '../ground/clock';
import { ClientError } from '../clients/errors';
import { existingOf, type ImpresaReceipt, type ImpresaReversal } from '../clients/impresa';
import type { CrashHook } from './crash-hook';
import type { LedgerReturn, PaymentLedger } from './ledger';
import { pulledReason } from './payment-states';
import type { Landed } from './write-back';
import type { WritePass } from './write-path';

export type ReturnResult = 'reversed' | 'pulled' | 'waiting' | 'failed';

/**
 * Applies IC's reversals and ACH returns in InHANCE. What InHANCE holds decides, looked up by the
 * original PaymentGUID every time:
 * - a receipt (posted by a clerk or live by IC Clerk) is reversed with the NACHA code (or REVERSAL);
 * - an entry still waiting (pending or held) is pulled from the queue: InHANCE's contract has no
 *   delete, so it is rejected with a reason that carries the code (`ACH return R01: …`), which is
 *   how every workstation knows it is a return;
 * - an entry a clerk already rejected is left as it is (the money never reached the account).
 * The account is flagged in the ledger either way. The reversal carries the return's own GUID as
 * external reference, so a retry after a crash cannot reverse twice.
 */
export class ReturnsPath {
  constructor(
    private readonly ledger: PaymentLedger,
    private readonly clock: Clock,
    private readonly crash: CrashHook,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Applies one return; `landed` is what InHANCE holds for the payment afterwards (for the queue copy). */
  async apply(pass: WritePass, ret: LedgerReturn): Promise<{ result: ReturnResult; landed: Landed | null }> {
    const { impresa } = pass;
    const { biller } = pass.run;
    const original = this.ledger.get(biller.id, ret.originalGuid);
    if (original && original.state === 'downloaded') {
      // The payment itself is not settled yet (it failed and waits for the next run): take it back after.
      this.ledger.returnFailed(
        biller.id,
        ret.returnGuid,
        `Payment ${ret.originalGuid} is not in InHANCE yet; the ${ret.kind} waits for it.`,
        false,
      );
      return { result: 'waiting', landed: null };
    }
    this.ledger.setReturnIntent(biller.id, ret.returnGuid);
    this.crash.reach('return-intent');
    const found = await impresa.lookupExternalRef(ret.originalGuid);
    const user = biller.livePostingUser;
    const reason = pulledReason(ret.kind, ret.code, ret.reason, ret.returnGuid);
    let action: 'reversed' | 'pulled';
    let reversal: ImpresaReversal | null = null;
    let landed: Landed = { entry: found.entry, receipt: found.receipt };
    let accountNumber = found.receipt?.accountNumber ?? found.entry?.accountNumber ?? original?.accountNumber ?? '';
    if (found.receipt) {
      reversal = found.reversal ?? (await this.reverse(pass, found.receipt, ret, reason));
      landed = {
        entry: found.entry,
        receipt: { ...found.receipt, reversalId: found.receipt.reversalId ?? reversal?.reversalId ?? 'reversed' },
      };
      action = 'reversed';
    } else if (found.entry) {
      const entry = found.entry;
      if (entry.state === 'pending' || entry.state === 'held') {
        try {
          landed = { entry: await impresa.rejectEntry(entry.entryId, user, reason), receipt: null };
          action = 'pulled';
        } catch (error) {
          // A clerk posted it a moment ago: then the money is on the account and must be reversed.
          const existing = existingOf(error);
          if (!existing?.receipt) throw error;
          reversal = await this.reverse(pass, existing.receipt, ret, reason);
          accountNumber = existing.receipt.accountNumber;
          landed = {
            entry: existing.entry ?? null,
            receipt: { ...existing.receipt, reversalId: reversal?.reversalId ?? existing.receipt.reversalId },
          };
          action = 'reversed';
        }
      } else {
        action = 'pulled';
      }
    } else {
      const message = original
        ? `Payment ${ret.originalGuid} is in the ledger but not in InHANCE; nothing to take back yet.`
        : `IC reported a ${ret.kind} of payment ${ret.originalGuid}, which this installation never received; it is retried on the next run.`;
      this.ledger.returnFailed(biller.id, ret.returnGuid, message, false);
      pass.run.log('warn', message);
      return { result: 'waiting', landed: null };
    }
    this.crash.reach('return-written');
    this.ledger.applyReturn(
      biller.id,
      ret,
      { action, reversalId: reversal?.reversalId ?? null, accountNumber },
      this.now(),
    );
    pass.run.log(
      'info',
      `${ret.kind === 'return' ? `ACH return ${ret.code}` : 'Card reversal'} of payment ${ret.originalGuid}: ${action === 'reversed' ? `receipt reversed (${reversal?.reversalId ?? 'already'})` : 'pulled from the queue'}; account ${accountNumber} flagged.`,
    );
    return { result: action, landed };
  }

  private async reverse(
    pass: WritePass,
    receipt: ImpresaReceipt,
    ret: LedgerReturn,
    memo: string,
  ): Promise<ImpresaReversal | null> {
    if (receipt.reversalId) return null;
    try {
      const { reversal } = await pass.impresa.reverseReceipt(receipt.receiptId, {
        user: pass.run.biller.livePostingUser,
        reasonCode: ret.kind === 'return' ? ret.code : 'REVERSAL',
        memo,
        externalRef: ret.returnGuid,
      });
      return reversal;
    } catch (error) {
      const existing = existingOf(error);
      if (existing?.reversal) return existing.reversal;
      if (error instanceof ClientError && error.code === 'IMPRESA_CONFLICT') return null;
      throw error;
    }
  }
}
