/**
 * When the biller's last weekly support call was held (ISO), for the checklist's "weekly call held
 * in the last 7 days" rule. The calls domain is built apart; until it is wired in here this says
 * null, and the weekly-call items stay manual.
 */
export function lastCallHeldAt(_billerId: string): string | null {
  return null;
}
