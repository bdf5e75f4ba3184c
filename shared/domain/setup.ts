import * as z from 'zod';

/**
 * A biller's conversion setup: the items the source document says a conversion owes besides the
 * profile's IDs and keys (Track 70, bill images, IVR, Caselle/COWS, the project with InHANCE,
 * contacts, Smartsheet and Confluence). No secret is ever part of it, so it can be exported.
 */

/** Hosts a setup link may point at (opened in the system browser). Same rule as the window policy. */
export const SETUP_LINK_HOSTS = { smartsheet: ['app.smartsheet.com'], confluence: ['atlassian.net'] } as const;

export function isAllowedLink(raw: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return hosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`));
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'That date does not exist.');
const optionalDay = z
  .union([z.literal(''), z.null(), day])
  .optional()
  .transform((v) => v || null);
const text = (max: number, what: string) => z.string().trim().max(max, `Keep the ${what} under ${max} characters.`);
const optionalText = (max: number, what: string) =>
  z
    .union([z.null(), text(max, what)])
    .optional()
    .transform((v) => v || null);

const link = (what: string, hosts: readonly string[]) =>
  z
    .union([z.literal(''), z.null(), z.string().trim()])
    .optional()
    .transform((v) => v || null)
    .refine(
      (v) => v === null || isAllowedLink(v, hosts),
      `The ${what} must be an https:// address on ${hosts.join(' or ')}.`,
    );

export const TRACK70_STATUSES = ['not-submitted', 'submitted', 'received'] as const;
export const TRACK70_LABELS: Record<(typeof TRACK70_STATUSES)[number], string> = {
  'not-submitted': 'Not submitted',
  submitted: 'Submitted',
  received: 'Received',
};
export const BILL_IMAGE_METHODS = ['pdf-linking', 'template-track'] as const;
export const TEMPLATE_STATUSES = ['not-requested', 'requested', 'in-progress', 'done'] as const;
export const TEMPLATE_LABELS: Record<(typeof TEMPLATE_STATUSES)[number], string> = {
  'not-requested': 'Not requested',
  requested: 'Requested',
  'in-progress': 'In progress',
  done: 'Done',
};
export const IVR_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export const IVR_LABELS: Record<(typeof IVR_STATUSES)[number], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
};
export const CASELLE_STATUSES = ['not-requested', 'requested', 'granted'] as const;
export const CASELLE_LABELS: Record<(typeof CASELLE_STATUSES)[number], string> = {
  'not-requested': 'Not requested',
  requested: 'Requested',
  granted: 'Access granted',
};
export const CONTACT_ORGS = ['biller', 'inhance', 'invoicecloud'] as const;
export type ContactOrg = (typeof CONTACT_ORGS)[number];
export const CONTACT_ORG_LABELS: Record<(typeof CONTACT_ORGS)[number], string> = {
  biller: 'Biller',
  inhance: 'InHANCE',
  invoicecloud: 'InvoiceCloud',
};

/** Link tokens a PDF link template may use, filled from a bill. */
export const PDF_LINK_TOKENS = ['{billNumber}', '{accountNumber}'] as const;

export const pdfLinkTemplate = z
  .union([z.literal(''), z.null(), z.string().trim().max(500, 'Keep the link template under 500 characters.')])
  .optional()
  .transform((v) => v || null)
  .superRefine((v, ctx) => {
    if (!v) return;
    if (!v.includes('{billNumber}') && !v.includes('{accountNumber}')) {
      ctx.addIssue({
        code: 'custom',
        message: 'The link template must contain {billNumber} or {accountNumber}, so each bill gets its own link.',
      });
      return;
    }
    let url: URL;
    try {
      url = new URL(v.replaceAll('{billNumber}', 'B').replaceAll('{accountNumber}', 'A'));
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'The link template must be a full address such as https://bills.example.gov/{billNumber}.pdf.',
      });
      return;
    }
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
    if (url.username || url.password)
      ctx.addIssue({ code: 'custom', message: 'The link template must not contain a user name or password.' });
    else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      ctx.addIssue({
        code: 'custom',
        message: 'The link template must start with https:// (plain http only for this computer).',
      });
  });

export const contactSchema = z.object({
  /** Main gives every contact an id when it is saved; a call attendee added from a contact keeps it. */
  id: z.string().min(1).max(64).optional(),
  name: text(120, 'name').min(1, 'Enter the contact’s name.'),
  organisation: z.enum(CONTACT_ORGS, { error: 'Choose the biller, InHANCE or InvoiceCloud.' }),
  role: optionalText(120, 'role'),
  email: z
    .union([z.literal(''), z.null(), z.string().trim().email('Enter an email address such as name@example.gov.')])
    .optional()
    .transform((v) => v || null),
  phone: optionalText(40, 'phone number'),
});
export type Contact = z.output<typeof contactSchema>;

/** What a PM edits; every field optional so an empty profile is valid. The same schema checks imports. */
export const setupInputSchema = z
  .object({
    track70: z
      .object({
        status: z
          .enum(TRACK70_STATUSES, { error: 'Choose not submitted, submitted or received.' })
          .default('not-submitted'),
        submittedOn: optionalDay,
        reference: optionalText(80, 'Track 70 reference'),
      })
      .strict()
      .default({ status: 'not-submitted', submittedOn: null, reference: null }),
    billImages: z
      .object({
        method: z.enum(BILL_IMAGE_METHODS, { error: 'Choose PDF linking or Template Track.' }).default('pdf-linking'),
        pdfLinkTemplate,
        templateStatus: z
          .enum(TEMPLATE_STATUSES, { error: 'Choose the Template Track request status.' })
          .default('not-requested'),
      })
      .strict()
      .default({ method: 'pdf-linking', pdfLinkTemplate: null, templateStatus: 'not-requested' }),
    ivr: z
      .object({
        status: z.enum(IVR_STATUSES, { error: 'Choose the IVR status.' }).default('not-started'),
        notes: optionalText(2000, 'IVR notes'),
      })
      .strict()
      .default({ status: 'not-started', notes: null }),
    caselle: z
      .object({
        applies: z.boolean().default(false),
        host: optionalText(200, 'Caselle host'),
        status: z.enum(CASELLE_STATUSES, { error: 'Choose the Caselle access status.' }).default('not-requested'),
      })
      .strict()
      .default({ applies: false, host: null, status: 'not-requested' }),
    projectActive: z
      .object({ confirmedOn: optionalDay, confirmedWith: optionalText(120, 'name') })
      .strict()
      .default({ confirmedOn: null, confirmedWith: null }),
    contacts: z.array(contactSchema.strict()).max(50, 'Keep the contact list under 50 people.').default([]),
    links: z
      .object({
        smartsheet: link('Smartsheet link', SETUP_LINK_HOSTS.smartsheet),
        confluence: link('Confluence link', SETUP_LINK_HOSTS.confluence),
      })
      .strict()
      .default({ smartsheet: null, confluence: null }),
  })
  .strict();
export type SetupInput = z.input<typeof setupInputSchema>;
export type SetupFields = z.output<typeof setupInputSchema>;

export const pdfCheckSchema = z.object({
  ok: z.boolean(),
  /** The link that was fetched (a real bill's, from the template). */
  url: z.string(),
  billNumber: z.string(),
  status: z.number().int().nullable(),
  contentType: z.string().nullable(),
  bytes: z.number().int().nullable(),
  message: z.string(),
  at: z.string(),
  by: z.string(),
});
export type PdfCheck = z.output<typeof pdfCheckSchema>;

export const sampleImageSchema = z.object({
  fileName: z.string(),
  mimeType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  bytes: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type SampleImage = z.output<typeof sampleImageSchema>;

/** The setup as main reports it: the fields plus what main found out (PDF check, sample image). */
export const setupSchema = z.object({
  billerId: z.string(),
  fields: setupInputSchema,
  /** The last PDF link check, for the template it ran on. */
  pdfCheck: pdfCheckSchema.nullable(),
  sampleImage: sampleImageSchema.nullable(),
  updatedAt: z.string().nullable(),
});
export type Setup = z.output<typeof setupSchema>;

/** The exported profile: the biller's non-secret fields and its setup. Secrets never appear. */
export const PROFILE_FILE_FORMAT = 'impresa-bridge/biller-profile';
