import * as z from 'zod';

/**
 * The conversion checklist, generated from the source document's Key Responsibilities, Quality
 * Assurance and Procedure sections, in its words. Each item names the rule (if any) by which the
 * app completes it from what it knows; the rest are ticked by hand (and audited).
 */

export const CHECKLIST_ROLES = ['biller', 'pm', 'provider'] as const;
export type ChecklistRole = (typeof CHECKLIST_ROLES)[number];
export const ROLE_LABELS: Record<ChecklistRole, string> = {
  biller: 'Biller',
  pm: 'Project Manager (InvoiceCloud)',
  provider: 'Provider (InHANCE)',
};

export const ITEM_STATUSES = ['not-started', 'in-progress', 'blocked', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  done: 'Done',
};

/** The facts the app can complete an item from. */
export const AUTO_RULES = [
  'credentials-tested',
  'track70-received',
  'posting-mode-chosen',
  'bill-image-ready',
  'template-submitted',
  'pdf-link-verified',
  'caselle-access',
  'bif-dates-set',
  'mapping-confirmed',
  'ivr-done',
  'jobs-configured-and-run',
  'weekly-call-held',
  'project-active',
] as const;
export type AutoRule = (typeof AUTO_RULES)[number];

export interface ChecklistItemDef {
  id: string;
  role: ChecklistRole;
  /** "Key Responsibilities", "Quality Assurance" or "Procedure: <step>", as the document heads it. */
  section: string;
  /** The document's own words. */
  text: string;
  /** Who the document names for a procedure step, when more than one. */
  who?: string;
  /** Needed before the biller may go live (schedules on, live posting). */
  required: boolean;
  auto?: AutoRule;
}

const KR = 'Key Responsibilities';
const QA = 'Quality Assurance';

export const CHECKLIST_ITEMS: readonly ChecklistItemDef[] = [
  // Key Responsibilities: Biller
  {
    id: 'biller-coordinate',
    role: 'biller',
    section: KR,
    text: 'Coordinate with InHANCE and InvoiceCloud teams as needed.',
    required: false,
  },
  {
    id: 'biller-posting-mode',
    role: 'biller',
    section: KR,
    text: 'Choose between pending or live payment posting.',
    required: true,
    auto: 'posting-mode-chosen',
  },
  {
    id: 'biller-sample-image',
    role: 'biller',
    section: KR,
    text: 'Provide sample bill image for template setup.',
    required: true,
    auto: 'bill-image-ready',
  },
  {
    id: 'biller-caselle',
    role: 'biller',
    section: KR,
    text: 'Ensure Caselle server access for COWS (if applicable).',
    required: true,
    auto: 'caselle-access',
  },
  {
    id: 'biller-ids',
    role: 'biller',
    section: KR,
    text: 'Provide biller GUID, web service key, invoice type ID, and request invoice format GUID.',
    required: true,
    auto: 'credentials-tested',
  },
  // Key Responsibilities: Project Manager
  {
    id: 'pm-weekly-calls',
    role: 'pm',
    section: KR,
    text: 'Attend weekly InHANCE support calls.',
    required: false,
    auto: 'weekly-call-held',
  },
  {
    id: 'pm-smartsheet',
    role: 'pm',
    section: KR,
    text: 'Track project progress and document updates in SmartSheet.',
    required: false,
  },
  {
    id: 'pm-inhance-contacts',
    role: 'pm',
    section: KR,
    text: 'Coordinate with InHANCE technical contacts.',
    required: false,
  },
  {
    id: 'pm-track70',
    role: 'pm',
    section: KR,
    text: 'Submit Track 70 for Invoice Format GUID.',
    required: true,
    auto: 'track70-received',
  },
  {
    id: 'pm-crm-mapping',
    role: 'pm',
    section: KR,
    text: 'Confirm field mapping in CRM.',
    required: true,
    auto: 'mapping-confirmed',
  },
  {
    id: 'pm-ivr',
    role: 'pm',
    section: KR,
    text: 'Coordinate IVR setup (utilitysearch2).',
    required: true,
    auto: 'ivr-done',
  },
  {
    id: 'pm-bif-dates',
    role: 'pm',
    section: KR,
    text: 'Ensure BIF customization includes email notification dates.',
    required: true,
    auto: 'bif-dates-set',
  },
  // Key Responsibilities: Provider
  { id: 'provider-host-calls', role: 'provider', section: KR, text: 'Host weekly support calls.', required: false },
  {
    id: 'provider-guidance',
    role: 'provider',
    section: KR,
    text: 'Provide technical guidance and integration support.',
    required: false,
  },
  // Quality Assurance: Project Manager
  {
    id: 'qa-smartsheets',
    role: 'pm',
    section: QA,
    text: 'Ensure all project updates are reflected in SmartSheets.',
    required: false,
  },
  {
    id: 'qa-issues-resolved',
    role: 'pm',
    section: QA,
    text: 'Confirm that any integration issues raised in support calls are resolved.',
    required: true,
  },
  // Procedure
  {
    id: 'proc-project-active',
    role: 'pm',
    section: 'Procedure: Project Kickoff & Support Call Setup',
    text: 'Confirm project is active with InHANCE.',
    required: true,
    auto: 'project-active',
  },
  {
    id: 'proc-join-calls',
    role: 'pm',
    section: 'Procedure: Project Kickoff & Support Call Setup',
    text: 'Join weekly support calls using the following details: Meeting ID 265 124 843 994, Passcode BhQbzg; join via Teams or call +1 323-457-8333,,448734005# (Phone Conference ID: 448 734 005#).',
    required: false,
    auto: 'weekly-call-held',
  },
  {
    id: 'proc-confluence',
    role: 'pm',
    section: 'Procedure: Documentation & Tracking',
    text: 'Use the Confluence page to track project progress and technical notes.',
    required: false,
  },
  {
    id: 'proc-attend-calls',
    role: 'pm',
    section: 'Procedure: Ongoing Coordination',
    who: 'Project Manager, Biller, InHANCE',
    text: 'Attend weekly calls to discuss project status, blockers, and next steps.',
    required: false,
    auto: 'weekly-call-held',
  },
  {
    id: 'proc-action-items',
    role: 'pm',
    section: 'Procedure: Ongoing Coordination',
    who: 'Project Manager, Biller, InHANCE',
    text: 'Document any action items or updates in SmartSheets.',
    required: false,
  },
  {
    id: 'proc-escalate',
    role: 'pm',
    section: 'Procedure: Ongoing Coordination',
    who: 'Project Manager, Biller, InHANCE',
    text: 'Escalate issues as needed through appropriate channels.',
    required: false,
  },
  {
    id: 'proc-jobs',
    role: 'pm',
    section: 'Procedure: Configure Web Service Jobs',
    who: 'Project Manager, InHANCE',
    text: 'Set up the following jobs with their respective frequencies: Invoice File (every 3 hours), Balance Job (every 15 minutes), Balance All Job (weekly), Customer Job (hourly), Auto Pay Job (hourly), Payments (every 15 minutes).',
    required: false,
    auto: 'jobs-configured-and-run',
  },
  {
    id: 'proc-payment-handling',
    role: 'biller',
    section: 'Procedure: Payment Handling Setup',
    text: 'Choose between: Pending Payments (held in Batch Entries for manual posting) or Live Posting (posted directly by “IC Clerk” with daily report).',
    required: true,
    auto: 'posting-mode-chosen',
  },
  {
    id: 'proc-request-image',
    role: 'pm',
    section: 'Procedure: Bill Image Configuration',
    text: 'Request sample image from biller.',
    required: false,
    auto: 'bill-image-ready',
  },
  {
    id: 'proc-template-track',
    role: 'pm',
    section: 'Procedure: Bill Image Configuration',
    text: 'Submit to Template Track for IT setup.',
    required: true,
    auto: 'template-submitted',
  },
  {
    id: 'proc-prefer-pdf',
    role: 'pm',
    section: 'Procedure: Bill Image Configuration',
    text: 'Prefer PDF linking when possible.',
    required: false,
    auto: 'pdf-link-verified',
  },
  {
    id: 'proc-crm-mapping',
    role: 'pm',
    section: 'Procedure: CRM Field Mapping',
    text: 'Ensure standard mapping: Account Number → customers-accountnumber, Customer Name → customers-customername.',
    required: true,
    auto: 'mapping-confirmed',
  },
];

export function checklistItemDef(id: string): ChecklistItemDef | undefined {
  return CHECKLIST_ITEMS.find((i) => i.id === id);
}

const ownerText = z
  .union([z.null(), z.string().trim().max(120, 'Keep the owner’s name under 120 characters.')])
  .optional();
const due = z
  .union([
    z.null(),
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the due date as YYYY-MM-DD.'),
  ])
  .optional();
const evidence = z
  .union([z.null(), z.literal(''), z.string().trim().max(500)])
  .optional()
  .refine((v) => !v || /^https:\/\/[^\s@]+$/.test(v), 'The evidence link must be an https:// address.');

/** A PM's change to one item; fields left out keep their value. */
export const itemChangeSchema = z.object({
  billerId: z.string().min(1, 'Choose a biller.'),
  itemId: z
    .string()
    .refine(
      (id) => checklistItemDef(id) !== undefined,
      'No checklist item has that id. Run "checklist show" to see them.',
    ),
  status: z.enum(ITEM_STATUSES, { error: 'Choose not started, in progress, blocked or done.' }).optional(),
  owner: ownerText,
  due,
  notes: z.union([z.null(), z.string().trim().max(2000, 'Keep the notes under 2,000 characters.')]).optional(),
  evidence,
});
export type ItemChange = z.input<typeof itemChangeSchema>;

export const checklistItemSchema = z.object({
  id: z.string(),
  role: z.enum(CHECKLIST_ROLES),
  section: z.string(),
  text: z.string(),
  who: z.string().nullable(),
  required: z.boolean(),
  /** The rule the app completes this item by, if any. */
  auto: z.enum(AUTO_RULES).nullable(),
  /** The effective status: done when the app knows it is, else what a person set. */
  status: z.enum(ITEM_STATUSES),
  /** How it got its status, in words: "done: both connections tested 2026-12-03 by Pat Lee". */
  statusText: z.string(),
  /** 'auto' when the app completed it, 'manual' when a person set it, null when untouched. */
  source: z.enum(['auto', 'manual']).nullable(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  notes: z.string().nullable(),
  evidence: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ChecklistItem = z.output<typeof checklistItemSchema>;

export const readinessSchema = z.object({
  done: z.number().int(),
  total: z.number().int(),
  requiredDone: z.number().int(),
  requiredTotal: z.number().int(),
});
export type Readiness = z.output<typeof readinessSchema>;

export const checklistSchema = z.object({
  billerId: z.string(),
  billerName: z.string(),
  sandbox: z.boolean(),
  items: z.array(checklistItemSchema),
  byRole: z.record(z.enum(CHECKLIST_ROLES), readinessSchema),
  overall: readinessSchema,
  /** Every required item is done: the go-live gate is open. */
  ready: z.boolean(),
});
export type Checklist = z.output<typeof checklistSchema>;

export const readinessSummarySchema = z.object({
  billerId: z.string(),
  billerName: z.string(),
  sandbox: z.boolean(),
  byRole: z.record(z.enum(CHECKLIST_ROLES), readinessSchema),
  overall: readinessSchema,
  ready: z.boolean(),
});
export type ReadinessSummary = z.output<typeof readinessSummarySchema>;

export const GO_LIVE_ACTIONS = ['posting-live', 'schedules-on'] as const;
export type GoLiveAction = (typeof GO_LIVE_ACTIONS)[number];
export const GO_LIVE_LABELS: Record<GoLiveAction, string> = {
  'posting-live': 'switch payment posting to live',
  'schedules-on': 'turn on the job schedules on this installation',
};

/** "3 of 5" as a sentence part. */
export function readinessText(r: Readiness): string {
  return `${r.requiredDone} of ${r.requiredTotal} required done`;
}
