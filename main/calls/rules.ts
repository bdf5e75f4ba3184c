import { Cron } from 'croner';
import type { ActionItem, AgendaItem, Call, Escalation, OpenIssue, Series } from '../../shared/domain/calls';

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Carry-over: the action items a call on `date` shows from earlier calls. An item raised before the
 * date is carried while it is open, and a call before the day it was done still shows it (as it
 * stood then), so an old call's notes do not change when an item is closed later.
 */
export function carriedOver(items: readonly ActionItem[], date: string, callId: string): ActionItem[] {
  return items
    .filter(
      (i) =>
        i.callId !== callId && i.raisedOn < date && (i.status === 'open' || (i.doneOn !== null && i.doneOn >= date)),
    )
    .sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.text.localeCompare(b.text));
}

/** Escalations raised before `date` and not resolved before it. */
export function openEscalationsOn(escalations: readonly Escalation[], date: string, callId: string): Escalation[] {
  return escalations.filter(
    (e) =>
      e.callId !== callId &&
      e.raisedOn < date &&
      (e.status === 'open' || (e.resolvedOn !== null && e.resolvedOn >= date)),
  );
}

export interface OpenIssueFilter {
  owner?: string | undefined;
  billerId?: string | undefined;
}

/**
 * Every issue raised on any call and not yet resolved (open action items and open escalations),
 * oldest first, with its age in days on `today`. The owner filter matches without regard to case.
 */
export function openIssues(
  items: readonly ActionItem[],
  escalations: readonly Escalation[],
  today: string,
  billerName: (id: string) => string,
  filter: OpenIssueFilter = {},
): OpenIssue[] {
  const owner = filter.owner?.trim().toLowerCase();
  const all: OpenIssue[] = [
    ...items
      .filter((i) => i.status === 'open')
      .map((i) => ({
        kind: 'action' as const,
        id: i.id,
        billerId: i.billerId,
        billerName: billerName(i.billerId),
        text: i.text,
        owner: i.owner,
        raisedOn: i.raisedOn,
        dueDate: i.dueDate,
        ageDays: Math.max(0, daysBetween(i.raisedOn, today)),
        overdue: i.dueDate !== null && i.dueDate < today,
      })),
    ...escalations
      .filter((e) => e.status === 'open')
      .map((e) => ({
        kind: 'escalation' as const,
        id: e.id,
        billerId: e.billerId,
        billerName: billerName(e.billerId),
        text: e.issue,
        owner: e.toWhom,
        raisedOn: e.raisedOn,
        dueDate: null,
        ageDays: Math.max(0, daysBetween(e.raisedOn, today)),
        overdue: false,
      })),
  ];
  return all
    .filter((i) => (!filter.billerId || i.billerId === filter.billerId) && (!owner || i.owner.toLowerCase() === owner))
    .sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.text.localeCompare(b.text));
}

export interface JobFailureFact {
  jobLabel: string;
  failures: number;
  /** Consecutive failures ending with the latest run (0 when the last run succeeded). */
  streak: number;
  lastError: string | null;
}

export interface ControlDayFact {
  date: string;
  message: string;
}

export interface AgendaFacts {
  today: string;
  openActions: readonly ActionItem[];
  openEscalations: readonly Escalation[];
  jobFailures: readonly JobFailureFact[];
  /** Conversion checklist items blocked or past their due date. */
  checklist: readonly string[];
  controlDaysOff: readonly ControlDayFact[];
}

/** The next call's draft agenda, from what the app knows. Nothing is invented: an empty fact adds nothing. */
export function buildAgenda(facts: AgendaFacts): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const a of facts.openActions) {
    const due = a.dueDate ? (a.dueDate < facts.today ? `, overdue since ${a.dueDate}` : `, due ${a.dueDate}`) : '';
    items.push({ section: 'actions', text: `${a.text} (${a.owner}, ${a.role}${due}; raised ${a.raisedOn})` });
  }
  for (const e of facts.openEscalations)
    items.push({
      section: 'escalations',
      text: `${e.issue} (escalated to ${e.toWhom} by ${e.channel} on ${e.raisedOn})`,
    });
  for (const j of facts.jobFailures) {
    if (j.failures === 0 && j.streak === 0) continue;
    const streak = j.streak >= 2 ? `; failing ${j.streak} runs in a row` : '';
    const last = j.lastError ? ` Last error: ${j.lastError}` : '';
    items.push({
      section: 'jobs',
      text: `${j.jobLabel}: ${j.failures} failed run${j.failures === 1 ? '' : 's'} since the last call${streak}.${last}`,
    });
  }
  for (const c of facts.checklist) items.push({ section: 'checklist', text: c });
  for (const d of facts.controlDaysOff) items.push({ section: 'control-totals', text: `${d.date}: ${d.message}` });
  return items;
}

/** The next `count` starts of a weekly series (ISO instants, in UTC), from `after`. */
export function nextOccurrences(
  series: { weekday: number | null; time: string | null; timeZone: string },
  after: Date,
  count = 4,
): string[] {
  if (series.weekday === null || series.time === null) return [];
  const [h, m] = series.time.split(':').map(Number);
  try {
    const cron = new Cron(`${m} ${h} * * ${series.weekday}`, { timezone: series.timeZone, paused: true });
    return cron.nextRuns(count, after).map((d) => d.toISOString());
  } catch {
    return [];
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const weekdayName = (n: number) => WEEKDAYS[n] ?? '?';

/** The join details as people paste them into an invitation or a chat. */
export function joinText(
  s: Pick<
    Series,
    | 'title'
    | 'joinUrl'
    | 'meetingId'
    | 'passcode'
    | 'dialIn'
    | 'conferenceId'
    | 'weekday'
    | 'time'
    | 'timeZone'
    | 'host'
  >,
): string {
  return [
    `${s.title} (hosted by ${s.host})${s.weekday !== null && s.time !== null ? `, ${WEEKDAYS[s.weekday]}s at ${s.time} ${s.timeZone}` : ''}`,
    'Microsoft Teams meeting',
    s.joinUrl ? `Join: ${s.joinUrl}` : null,
    s.meetingId ? `Meeting ID: ${s.meetingId}` : null,
    s.passcode ? `Passcode: ${s.passcode}` : null,
    s.dialIn ? `Dial in by phone: ${s.dialIn}` : null,
    s.conferenceId ? `Phone conference ID: ${s.conferenceId}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}

/** A call's notes in Markdown (export, and the source of the Confluence section). */
export function callMarkdown(call: Call, billerName: string): string {
  const lines: string[] = [`# ${billerName}: support call ${call.date}`, ''];
  const block = (title: string, body: string) => lines.push(`## ${title}`, '', body.trim() || '_None recorded._', '');
  lines.push('## Attendees', '');
  if (call.attendees.length === 0) lines.push('_None recorded._');
  for (const a of call.attendees) lines.push(`- ${a.name} (${a.role}): ${a.present ? 'present' : 'absent'}`);
  lines.push('');
  block('Status summary', call.summary);
  block('Blockers', call.blockers);
  block('Decisions', call.decisions);
  const actionLine = (i: ActionItem) =>
    `- [${i.status === 'done' ? 'x' : ' '}] ${i.text}. Owner: ${i.owner} (${i.role}); due ${i.dueDate ?? 'not set'}${i.status === 'done' ? `; done ${i.doneOn}` : ''}`;
  lines.push('## Action items', '');
  if (call.actionItems.length === 0) lines.push('_None raised on this call._');
  lines.push(...call.actionItems.map(actionLine), '');
  if (call.carriedOver.length)
    lines.push(
      '## Carried over from earlier calls',
      '',
      ...call.carriedOver.map((i) => `${actionLine(i)}; raised ${i.raisedOn}`),
      '',
    );
  lines.push('## Escalations', '');
  const esc = [...call.escalations, ...call.openEscalations];
  if (esc.length === 0) lines.push('_None._');
  for (const e of esc)
    lines.push(
      `- ${e.issue}. To ${e.toWhom} by ${e.channel}, raised ${e.raisedOn}; ${e.status === 'resolved' ? `resolved ${e.resolvedOn}` : 'open'}`,
    );
  lines.push('');
  return lines.join('\n');
}
