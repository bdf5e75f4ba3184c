import * as z from 'zod';

/**
 * The InHANCE Impresa contract as the client checks it (CONTRACT.md beside this file describes it
 * in words). Every answer is parsed through these before anything uses it.
 */
const cents = z.number().int();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime({ offset: true });

export const bankInfoSchema = z.object({ bankName: z.string(), routingNumber: z.string(), accountLast4: z.string() });

export const accountSchema = z.object({
  accountNumber: z.string().min(1),
  name: z.string(),
  status: z.enum(['active', 'closed', 'final']),
  balanceCents: cents,
  address: z.object({ line1: z.string(), line2: z.string(), city: z.string(), state: z.string(), zip: z.string() }),
  email: z.string(),
  phone: z.string(),
  paperless: z.boolean(),
  autopay: z.object({ enrolled: z.boolean(), bank: bankInfoSchema.nullable() }),
  updatedAt: instant,
  version: z.number().int().nonnegative(),
});

export const billSchema = z.object({
  seq: z.number().int().positive(),
  invoiceNumber: z.string().min(1),
  accountNumber: z.string().min(1),
  customerName: z.string(),
  billDate: day,
  dueDate: day,
  chargesCents: cents,
  totalAmountDueCents: cents,
  minimumAmountDueCents: cents,
  issuedAt: instant,
  pdfUrl: z.string().url(),
});

export const batchSchema = z.object({
  batchId: z.string().min(1),
  depositDate: day,
  description: z.string(),
  installationId: z.string().nullable(),
  createdAt: instant,
  entryCount: z.number().int().nonnegative(),
  totalCents: cents,
  /**
   * ASSUMED (CONTRACT.md): IC's control total for the deposit day as the job host last downloaded
   * it, when, and by which installation; null until set. Absent on an Impresa without them: null.
   */
  icTotalCents: cents.nullable().default(null),
  icCount: z.number().int().nonnegative().nullable().default(null),
  icTotalAt: instant.nullable().default(null),
  icTotalBy: z.string().nullable().default(null),
});

const paymentType = z.enum(['card', 'ach']);

export const entrySchema = z.object({
  entryId: z.string().min(1),
  batchId: z.string().min(1),
  externalRef: z.string().min(1),
  accountNumber: z.string(),
  originalAccountNumber: z.string(),
  amountCents: cents,
  convenienceFeeCents: cents,
  paymentDate: day,
  paymentType,
  invoiceNumber: z.string(),
  payerName: z.string(),
  memo: z.string(),
  state: z.enum(['pending', 'posted', 'held', 'rejected']),
  stateReason: z.string(),
  stateBy: z.string(),
  stateAt: instant.nullable(),
  receiptId: z.string().nullable(),
  installationId: z.string().nullable(),
  createdAt: instant,
});

export const receiptSchema = z.object({
  receiptId: z.string().min(1),
  externalRef: z.string().min(1),
  accountNumber: z.string(),
  amountCents: cents,
  convenienceFeeCents: cents,
  paymentDate: day,
  paymentType,
  invoiceNumber: z.string(),
  source: z.enum(['entry', 'live']),
  entryId: z.string().nullable(),
  postedBy: z.string(),
  postedAt: instant,
  installationId: z.string().nullable(),
  reversalId: z.string().nullable(),
});

export const reversalSchema = z.object({
  reversalId: z.string().min(1),
  receiptId: z.string().min(1),
  externalRef: z.string().nullable(),
  reasonCode: z.string().min(1),
  memo: z.string(),
  reversedBy: z.string(),
  reversedAt: instant,
  amountCents: cents,
});

export const userSchema = z.object({ username: z.string().min(1), displayName: z.string(), role: z.string() });

export const sessionSchema = z.object({ token: z.string().min(8), expiresAt: instant });

export const lookupSchema = z.object({
  externalRef: z.string(),
  entry: entrySchema.nullable(),
  receipt: receiptSchema.nullable(),
  reversal: reversalSchema.nullable(),
});

/** What a 409 carries: whichever records already exist. */
export const existingSchema = z.object({
  batch: batchSchema.optional(),
  entry: entrySchema.nullish(),
  receipt: receiptSchema.nullish(),
  reversal: reversalSchema.nullish(),
});

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  existing: z.unknown().optional(),
});

export const pageOf = <T extends z.ZodType>(key: string, item: T) =>
  z.object({
    [key]: z.array(item),
    nextCursor: z.number().int().nonnegative(),
    hasMore: z.boolean(),
  }) as unknown as z.ZodType<{ nextCursor: number; hasMore: boolean } & Record<string, z.infer<T>[]>>;

export type ImpresaAccount = z.infer<typeof accountSchema>;
export type ImpresaBill = z.infer<typeof billSchema>;
export type ImpresaBatch = z.infer<typeof batchSchema>;
export type ImpresaBatchEntry = z.infer<typeof entrySchema>;
export type ImpresaEntryState = ImpresaBatchEntry['state'];
export type ImpresaReceipt = z.infer<typeof receiptSchema>;
export type ImpresaReversal = z.infer<typeof reversalSchema>;
export type ImpresaUser = z.infer<typeof userSchema>;
export type ImpresaBankInfo = z.infer<typeof bankInfoSchema>;
export type ImpresaLookup = z.infer<typeof lookupSchema>;
export type ImpresaExisting = z.infer<typeof existingSchema>;
