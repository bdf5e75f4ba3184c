import { mix, unit } from './rng';
import {
  BUSINESS_NAMES,
  EMAIL_DOMAINS,
  serviceArea,
  FIRST_NAMES,
  LAST_NAMES,
  STREET_NAMES,
  STREET_SUFFIXES,
  UNIT_PREFIXES,
  type Town,
} from './words';

/**
 * The fixed part of an account, derived on demand from (seed, index): nothing here is stored, so
 * a world of 250,000 accounts costs only its typed arrays.
 */
export type AccountStatus = 'active' | 'closed' | 'final';
export const STATUS_CODES: readonly AccountStatus[] = ['active', 'closed', 'final'];

export interface AccountProfile {
  index: number;
  accountNumber: string;
  customerId: string;
  customerName: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  /** As first known to both systems; later changes live in the world's overrides. */
  email: string;
  phone: string;
  loginName: string;
}

/** Draw `k` for account `index`, uniform in [0, 1). */
export function draw(seed: number, index: number, k: number): number {
  return unit(mix(seed, index * 32 + k));
}

function pickFrom<T>(list: readonly T[], u: number): T {
  return list[Math.floor(u * list.length)] as T;
}

/** `0012345-01`: 7-digit customer number + 2-digit premise suffix, both derived from the index. */
export function accountNumberOf(seed: number, index: number): string {
  const suffix = Math.floor(draw(seed, index, 0) * 4);
  return `${String(index + 1).padStart(7, '0')}-${String(suffix).padStart(2, '0')}`;
}

/** Index of an account number in this world, or -1 (unknown accounts use suffix 99). */
export function accountIndexOf(seed: number, accounts: number, accountNumber: string): number {
  const m = /^(\d{7})-(\d{2})$/.exec(accountNumber.trim());
  if (!m) return -1;
  const index = Number(m[1]) - 1;
  if (index < 0 || index >= accounts) return -1;
  return accountNumberOf(seed, index) === accountNumber.trim() ? index : -1;
}

/** An account number that certainly does not exist in this world (for "unknown account" payments). */
export function unknownAccountNumber(accounts: number, k: number): string {
  return `${String(accounts + 1000 + (k % 9_000_000))
    .padStart(7, '0')
    .slice(-7)}-99`;
}

export function isBusiness(seed: number, index: number): boolean {
  return draw(seed, index, 1) < 0.06;
}

/** `area`: the towns the utility serves (see SERVICE_AREAS); every customer lives in one of them. */
export function accountProfile(
  seed: number,
  index: number,
  area: readonly Town[] = serviceArea('America/New_York'),
): AccountProfile {
  const business = isBusiness(seed, index);
  const first = pickFrom(FIRST_NAMES, draw(seed, index, 2));
  const last = pickFrom(LAST_NAMES, draw(seed, index, 3));
  const customerName = business ? pickFrom(BUSINESS_NAMES, draw(seed, index, 2)) : `${first} ${last}`;
  const [city, state, zip3, areaCode] = area[Math.floor(draw(seed, index, 4) * area.length)]!;
  const house = 100 + Math.floor(draw(seed, index, 5) * 9800);
  const street = `${pickFrom(STREET_NAMES, draw(seed, index, 6))} ${pickFrom(STREET_SUFFIXES, draw(seed, index, 7))}`;
  const unitDraw = draw(seed, index, 8);
  const address2 =
    unitDraw < 0.15 ? `${pickFrom(UNIT_PREFIXES, unitDraw / 0.15)} ${1 + Math.floor(draw(seed, index, 9) * 40)}` : '';
  const zip = `${zip3}${String(Math.floor(draw(seed, index, 10) * 100)).padStart(2, '0')}`;
  const phoneDraw = draw(seed, index, 11);
  const phone =
    phoneDraw < 0.1
      ? ''
      : `${areaCode}-${200 + Math.floor(phoneDraw * 799)}-${String(Math.floor(draw(seed, index, 12) * 10000)).padStart(4, '0')}`;
  const emailDraw = draw(seed, index, 13);
  const local = business
    ? `billing${index + 1}`
    : `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + (emailDraw < 0.5 ? String(index % 100) : '');
  const email = emailDraw < 0.2 ? '' : `${local}@${business ? 'example.com' : pickFrom(EMAIL_DOMAINS, emailDraw)}`;
  const accountNumber = accountNumberOf(seed, index);
  return {
    index,
    accountNumber,
    customerId: String(700000 + index),
    customerName,
    address1: `${house} ${street}`,
    address2,
    city,
    state,
    zip,
    email,
    phone,
    loginName: email || `user${index + 1}`,
  };
}

/** Status drawn once: about 3% closed, 2% final (moved out, last bill sent). */
export function initialStatus(seed: number, index: number): number {
  const u = draw(seed, index, 14);
  return u < 0.03 ? 1 : u < 0.05 ? 2 : 0;
}

/** Bill cycle day 1..28 (so every month has it). */
export function cycleDay(seed: number, index: number): number {
  return 1 + Math.floor(draw(seed, index, 15) * 28);
}

/** Monthly charges for a period, in cents: a base per account with seasonal and random swing. */
export function periodCharges(seed: number, index: number, period: number): number {
  const base = 2500 + Math.floor(draw(seed, index, 16) * (isBusiness(seed, index) ? 60000 : 15000));
  const month = period % 12;
  const season = 1 + 0.25 * Math.cos(((month - 0.5) / 12) * 2 * Math.PI);
  const swing = 0.85 + 0.3 * unit(mix(mix(seed, index), period + 77));
  return Math.max(500, Math.round(base * season * swing));
}

/** IC registration (about 45%) and enrollments among registered customers. */
export function initialFlags(
  seed: number,
  index: number,
  status: number,
): { registered: boolean; paperless: boolean; autopay: boolean } {
  const registered = status !== 1 && draw(seed, index, 17) < 0.45;
  const paperless = registered && draw(seed, index, 18) < 0.5;
  const autopay = registered && status === 0 && draw(seed, index, 19) < 0.25;
  return { registered, paperless, autopay };
}
