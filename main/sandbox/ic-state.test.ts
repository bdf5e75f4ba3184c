import { describe, expect, it } from 'vitest';
import { IcState } from './ic-state';
import { World } from './world';

describe('IcState invoices', () => {
  it('never shows a minimum due above the balance due, even once the account is paid down', () => {
    const world = new World({ seed: 'minimum', accounts: 300 });
    const ic = new IcState(world);
    let checked = 0;
    for (let index = 0; index < world.accounts; index++) {
      const number = ic.latestInvoiceNumber(index);
      if (!number) continue;
      // Paid in full at IC: the latest invoice's balance is zero.
      ic.updateBalances([{ accountNumber: world.accountNumber(index), balanceDueCents: 0 }]);
      const invoice = ic.invoice(number);
      if (!invoice) continue;
      expect(invoice.balanceDueCents).toBe(0);
      expect(invoice.minimumAmountDueCents).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
