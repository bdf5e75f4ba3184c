import * as z from 'zod';
import { isoDate } from './common';
import type { Contact, ContactOrg } from './setup';

/**
 * The weekly InHANCE support call: meeting series, call records, action items and escalations,
 * and where they are tracked (Smartsheet) and documented (Confluence). One schema per form, used by
 * the screen and by main.
 */

export const ATTENDEE_ROLES = ['Biller', 'PM', 'InHANCE'] as const;
export const attendeeRoleSchema = z.enum(ATTENDEE_ROLES, { error: 'Choose the role: Biller, PM or InHANCE.' });
export type AttendeeRole = z.output<typeof attendeeRoleSchema>;

export const ACTION_STATUSES = ['open', 'done'] as const;
export const ESCALATION_STATUSES = ['open', 'resolved'] as const;
export const ESCALATION_CHANNELS = ['email', 'phone', 'Teams', 'ticket', 'other'] as const;

/** Hosts a "Join" link may open (the same hosts the window's external-link allowlist takes). */
export const TEAMS_HOSTS = ['teams.microsoft.com', 'teams.live.com'] as const;

export function isTeamsLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && TEAMS_HOSTS.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

/** A dial-in as the system phone handler takes it: digits, +, commas (pauses) and #. */
export function telLink(dialIn: string): string | null {
  const compact = dialIn.replace(/[\s\-().]/g, '');
  return /^\+?[0-9][0-9,#*]*$/.test(compact) ? `tel:${compact}` : null;
}

/** The support call of the source document, hosted by InHANCE (the default series). */
export const DEFAULT_SERIES = {
  title: 'InHANCE weekly support call',
  meetingId: '265 124 843 994',
  passcode: 'BhQbzg',
  joinUrl: null as string | null,
  dialIn: '+1 323-457-8333,,448734005#',
  conferenceId: '448 734 005#',
  /** The source document gives no weekday or time: the PM sets them (until then no dates are listed). */
  weekday: null as number | null,
  time: null as string | null,
  timeZone: 'America/New_York',
  host: 'InHANCE',
  reminderMinutes: 10,
};

const text = (what: string, max = 4000) => z.string().trim().max(max, `Keep the ${what} under ${max} characters.`);
const required = (what: string, max = 500) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `Keep the ${what} under ${max} characters.`);

export const seriesInputSchema = z.object({
  title: required('meeting title', 200),
  meetingId: text('meeting ID', 60),
  passcode: text('passcode', 60),
  joinUrl: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .refine(
      (v) => !v || isTeamsLink(v),
      'The join link must be a Microsoft Teams address (https://teams.microsoft.com/…).',
    ),
  dialIn: text('dial-in', 80).refine(
    (v) => !v || telLink(v) !== null,
    'Write the dial-in as a phone number, e.g. +1 323-457-8333,,448734005#.',
  ),
  conferenceId: text('phone conference ID', 60),
  /** 0 = Sunday … 6 = Saturday; null while not known. */
  weekday: z.number({ error: 'Choose the weekday.' }).int().min(0).max(6).nullable(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM (24-hour), e.g. 10:00.')
    .nullable(),
  timeZone: required('time zone', 80),
  host: required('host', 120),
  reminderMinutes: z
    .number({ error: 'Enter the reminder minutes.' })
    .int('Enter whole minutes.')
    .min(0)
    .max(1440, 'A reminder comes at most 1440 minutes (a day) before.'),
});
export type SeriesInput = z.output<typeof seriesInputSchema>;

export const seriesSchema = seriesInputSchema.extend({
  id: z.string(),
  /** Null for the default series (the source document's call), used by a biller without its own. */
  billerId: z.string().nullable(),
  /** The next occurrences (ISO instants), soonest first. */
  next: z.array(z.string()),
  /** The join details as one block of text, for the clipboard. */
  joinText: z.string(),
});
export type Series = z.output<typeof seriesSchema>;

export const attendeeSchema = z.object({
  name: required('attendee name', 120),
  role: attendeeRoleSchema,
  present: z.boolean(),
  /** A biller contact this attendee came from, when contacts exist (linked later). */
  contactId: z.string().nullable().default(null),
});
export type Attendee = z.output<typeof attendeeSchema>;

/** The organisation of a biller's setup contact, as it shows on a call: InvoiceCloud people are the PM side. */
export const CONTACT_ORG_ROLES: Record<ContactOrg, AttendeeRole> = {
  biller: 'Biller',
  inhance: 'InHANCE',
  invoicecloud: 'PM',
};

/** A setup contact as a call attendee: present by default, linked by the contact's id. */
export function attendeeFromContact(contact: Contact): Attendee {
  return {
    name: contact.name,
    role: CONTACT_ORG_ROLES[contact.organisation],
    present: true,
    contactId: contact.id ?? null,
  };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The attendees with every contact not yet listed added at the end. A contact counts as listed when an
 * attendee carries its id, or has its name (that attendee is then linked to the contact, nothing else changes).
 */
export function addContactAttendees(
  attendees: Attendee[],
  contacts: Contact[],
): { attendees: Attendee[]; added: number } {
  const result = attendees.map((a) => ({ ...a }));
  let added = 0;
  for (const contact of contacts) {
    const id = contact.id ?? null;
    if (id !== null && result.some((a) => a.contactId === id)) continue;
    const byName = result.find((a) => sameName(a.name, contact.name));
    if (byName) {
      if (byName.contactId === null) byName.contactId = id;
      continue;
    }
    result.push(attendeeFromContact(contact));
    added += 1;
  }
  return { attendees: result, added };
}

export const callInputSchema = z.object({
  billerId: z.string().min(1, 'Choose a biller.'),
  date: isoDate,
  summary: text('status summary').default(''),
  blockers: text('blockers').default(''),
  decisions: text('decisions').default(''),
  attendees: z.array(attendeeSchema).max(50).default([]),
});
export type CallInput = z.input<typeof callInputSchema>;

export const actionItemInputSchema = z.object({
  text: required('action item', 1000),
  owner: required('owner', 120),
  role: attendeeRoleSchema,
  dueDate: isoDate.nullable(),
});
export type ActionItemInput = z.output<typeof actionItemInputSchema>;

export const actionItemSchema = actionItemInputSchema.extend({
  id: z.string(),
  billerId: z.string(),
  /** The call it was raised on, and that call's date. */
  callId: z.string(),
  raisedOn: isoDate,
  status: z.enum(ACTION_STATUSES),
  doneOn: isoDate.nullable(),
  /** Smartsheet: the row it went to (kept so a second sync updates), and whether it changed since. */
  smartsheetRowId: z.number().nullable(),
  syncedAt: z.string().nullable(),
  changedSinceSync: z.boolean(),
});
export type ActionItem = z.output<typeof actionItemSchema>;

export const escalationInputSchema = z.object({
  issue: required('issue', 1000),
  toWhom: required('person or team escalated to', 120),
  channel: z.enum(ESCALATION_CHANNELS, { error: 'Choose how it was escalated.' }),
});
export type EscalationInput = z.output<typeof escalationInputSchema>;

export const escalationSchema = escalationInputSchema.extend({
  id: z.string(),
  billerId: z.string(),
  callId: z.string(),
  raisedOn: isoDate,
  status: z.enum(ESCALATION_STATUSES),
  resolvedOn: isoDate.nullable(),
});
export type Escalation = z.output<typeof escalationSchema>;

export const callSchema = z.object({
  id: z.string(),
  billerId: z.string(),
  date: isoDate,
  summary: z.string(),
  blockers: z.string(),
  decisions: z.string(),
  attendees: z.array(attendeeSchema),
  /** Raised on this call. */
  actionItems: z.array(actionItemSchema),
  /** Raised on an earlier call and still open on this call's date (or closed on/after it). */
  carriedOver: z.array(actionItemSchema),
  escalations: z.array(escalationSchema),
  /** Escalations raised earlier and still open on this date. */
  openEscalations: z.array(escalationSchema),
  publishedAt: z.string().nullable(),
});
export type Call = z.output<typeof callSchema>;

export const callSummarySchema = z.object({
  id: z.string(),
  billerId: z.string(),
  date: isoDate,
  summary: z.string(),
  actionItems: z.number().int(),
  openActionItems: z.number().int(),
  escalations: z.number().int(),
});
export type CallSummary = z.output<typeof callSummarySchema>;

export const openIssueSchema = z.object({
  kind: z.enum(['action', 'escalation']),
  id: z.string(),
  billerId: z.string(),
  billerName: z.string(),
  text: z.string(),
  /** Action item: its owner; escalation: to whom it went. */
  owner: z.string(),
  raisedOn: isoDate,
  dueDate: isoDate.nullable(),
  ageDays: z.number().int(),
  overdue: z.boolean(),
});
export type OpenIssue = z.output<typeof openIssueSchema>;

export const agendaItemSchema = z.object({
  section: z.enum(['actions', 'escalations', 'jobs', 'checklist', 'control-totals']),
  text: z.string(),
});
export type AgendaItem = z.output<typeof agendaItemSchema>;

export const agendaSchema = z.object({
  billerId: z.string(),
  /** The last call's date (what "since" means), or null when there was none. */
  since: isoDate.nullable(),
  items: z.array(agendaItemSchema),
  /** Sources the agenda could not read (e.g. InHANCE unreachable for control totals), in words. */
  notes: z.array(z.string()),
});
export type Agenda = z.output<typeof agendaSchema>;

/** The Smartsheet fields an action item fills, with the column title each goes to by default. */
export const SMARTSHEET_FIELDS = ['actionItem', 'owner', 'dueDate', 'status', 'biller', 'callDate'] as const;
export type SmartsheetField = (typeof SMARTSHEET_FIELDS)[number];
export const SMARTSHEET_DEFAULT_TITLES: Record<SmartsheetField, string> = {
  actionItem: 'Action item',
  owner: 'Owner',
  dueDate: 'Due date',
  status: 'Status',
  biller: 'Biller',
  callDate: 'Call date',
};

export const SMARTSHEET_DEFAULT_URL = 'https://api.smartsheet.com/2.0';

const httpsOrLoopback = (what: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((v) => {
      try {
        const u = new URL(v);
        if (u.username || u.password) return false;
        return (
          u.protocol === 'https:' ||
          (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
        );
      } catch {
        return false;
      }
    }, `The ${what} must be an https address (http only on this computer), without a user name or password.`);

export const syncSettingsInputSchema = z.object({
  smartsheetUrl: httpsOrLoopback('Smartsheet API address').default(SMARTSHEET_DEFAULT_URL),
  sheetId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'The sheet ID is a number (Smartsheet: File > Properties).')
    .nullable()
    .default(null),
  /** Field → column ID chosen from the sheet's real columns; a field left out uses the column of the same title. */
  columns: z.partialRecord(z.enum(SMARTSHEET_FIELDS), z.number().int()).default({}),
  confluenceUrl: httpsOrLoopback('Confluence site address').nullable().default(null),
  pageId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'The page ID is a number (it is in the page address).')
    .nullable()
    .default(null),
  confluenceEmail: z.string().trim().email('Enter the Atlassian account email.').nullable().default(null),
});
export type SyncSettingsInput = z.input<typeof syncSettingsInputSchema>;

export const syncSettingsSchema = z.object({
  billerId: z.string(),
  smartsheetUrl: z.string(),
  sheetId: z.string().nullable(),
  columns: z.partialRecord(z.enum(SMARTSHEET_FIELDS), z.number().int()),
  confluenceUrl: z.string().nullable(),
  pageId: z.string().nullable(),
  confluenceEmail: z.string().nullable(),
  /** Whether each token is in the keychain (never the value). */
  smartsheetToken: z.boolean().nullable(),
  confluenceToken: z.boolean().nullable(),
});
export type SyncSettings = z.output<typeof syncSettingsSchema>;

export const CALLS_SECRET_NAMES = ['smartsheet-token', 'confluence-token'] as const;
export type CallsSecretName = (typeof CALLS_SECRET_NAMES)[number];
export const CALLS_SECRET_LABELS: Record<CallsSecretName, string> = {
  'smartsheet-token': 'Smartsheet API access token',
  'confluence-token': 'Confluence API token',
};

export const sheetColumnSchema = z.object({ id: z.number(), title: z.string(), type: z.string() });
export const sheetColumnsSchema = z.object({
  sheetName: z.string(),
  columns: z.array(sheetColumnSchema),
  /** The column each field would go to now (chosen, else same title); null when none. */
  resolved: z.partialRecord(z.enum(SMARTSHEET_FIELDS), z.number().nullable()),
  /** Fields with no column, in words; sync refuses while any is missing. */
  missing: z.array(z.string()),
});
export type SheetColumns = z.output<typeof sheetColumnsSchema>;

export const smartsheetSyncResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  /** Rows deleted in Smartsheet and added again (the PM is told). */
  readded: z.number().int(),
  failed: z.array(z.object({ actionItemId: z.string(), text: z.string(), reason: z.string() })),
  unchanged: z.number().int(),
  message: z.string(),
});
export type SmartsheetSyncResult = z.output<typeof smartsheetSyncResultSchema>;

export const confluencePublishResultSchema = z.object({
  pageId: z.string(),
  version: z.number().int(),
  replaced: z.boolean(),
  attempts: z.number().int(),
  message: z.string(),
});
export type ConfluencePublishResult = z.output<typeof confluencePublishResultSchema>;
