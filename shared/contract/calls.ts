import * as z from 'zod';
import {
  actionItemInputSchema,
  actionItemSchema,
  agendaSchema,
  attendeeRoleSchema,
  callInputSchema,
  callSchema,
  CALLS_SECRET_NAMES,
  callSummarySchema,
  confluencePublishResultSchema,
  escalationInputSchema,
  escalationSchema,
  openIssueSchema,
  seriesInputSchema,
  seriesSchema,
  sheetColumnsSchema,
  smartsheetSyncResultSchema,
  syncSettingsInputSchema,
  syncSettingsSchema,
} from '../domain/calls';
import { isoDate } from '../domain/common';
import { downloadFileSchema } from '../domain/payments';
import { channel, ok } from './define';

const biller = z.object({ billerId: z.string().min(1, 'Choose a biller.') });
const billerDate = biller.extend({ date: isoDate });

/** The weekly InHANCE support calls: meetings, notes, action items, escalations, Smartsheet and Confluence. */
export const callsContract = {
  series: channel(
    z.object({ billerId: z.string().min(1).nullable() }),
    seriesSchema,
    "The biller's meeting series (or the default InHANCE series), with its next dates.",
  ),
  saveSeries: channel(
    z.object({ billerId: z.string().min(1).nullable(), series: seriesInputSchema }),
    seriesSchema,
    "Save the biller's meeting series (null: the default series).",
  ),
  list: channel(biller, z.array(callSummarySchema), "The biller's calls, newest first."),
  get: channel(billerDate, callSchema, 'One call with its action items, carried-over items and escalations.'),
  save: channel(callInputSchema, callSchema, 'Add the call on a date, or update its notes.'),
  addAction: channel(
    billerDate.extend({ item: actionItemInputSchema }),
    actionItemSchema,
    'Add an action item raised on a call.',
  ),
  updateAction: channel(
    z.object({
      id: z.string().min(1),
      text: z.string().optional(),
      owner: z.string().optional(),
      role: attendeeRoleSchema.optional(),
      dueDate: isoDate.nullable().optional(),
      status: z.enum(['open', 'done']).optional(),
    }),
    actionItemSchema,
    'Change an action item or mark it done or open again.',
  ),
  addEscalation: channel(
    billerDate.extend({ escalation: escalationInputSchema }),
    escalationSchema,
    'Record an escalation raised on a call.',
  ),
  setEscalationStatus: channel(
    z.object({ id: z.string().min(1), status: z.enum(['open', 'resolved']) }),
    escalationSchema,
    'Resolve an escalation or open it again.',
  ),
  openIssues: channel(
    z.object({ billerId: z.string().min(1).optional(), owner: z.string().max(120).optional() }),
    z.array(openIssueSchema),
    'Every issue raised on a call and not yet resolved, with its age.',
  ),
  agenda: channel(biller, agendaSchema, "The next call's draft agenda."),
  export: channel(
    billerDate.extend({ format: z.enum(['md', 'pdf']) }),
    downloadFileSchema,
    "A call's notes as Markdown or PDF.",
  ),
  settings: channel(
    biller,
    syncSettingsSchema,
    'Smartsheet and Confluence settings (tokens: stored or not, never the value).',
  ),
  saveSettings: channel(
    biller.extend({ settings: syncSettingsInputSchema.partial() }),
    syncSettingsSchema,
    'Save Smartsheet and Confluence settings.',
  ),
  setToken: channel(
    biller.extend({ name: z.enum(CALLS_SECRET_NAMES), value: z.string().min(1, 'Enter the token.').max(4096) }),
    ok,
    'Store a Smartsheet or Confluence token in the OS keychain.',
  ),
  removeToken: channel(
    biller.extend({ name: z.enum(CALLS_SECRET_NAMES) }),
    ok,
    'Remove a Smartsheet or Confluence token from the OS keychain.',
  ),
  sheetColumns: channel(biller, sheetColumnsSchema, "The Smartsheet sheet's real columns and where each field goes."),
  syncSmartsheet: channel(
    biller.extend({ date: isoDate.optional() }),
    smartsheetSyncResultSchema,
    'Send new and changed action items to Smartsheet.',
  ),
  publishConfluence: channel(
    billerDate,
    confluencePublishResultSchema,
    "Publish a call's notes to the biller's Confluence page.",
  ),
};

export const callsEvents = {
  /** A biller's calls, action items or escalations changed. */
  'calls:changed': z.object({ billerId: z.string() }),
};
