import { describe, expect, it } from 'vitest';
import type { ActionItem, Escalation } from '../../shared/domain/calls';
import { buildAgenda, carriedOver, joinText, nextOccurrences, openIssues } from './rules';
import { DEFAULT_SERIES, telLink, isTeamsLink } from '../../shared/domain/calls';

function action(over: Partial<ActionItem>): ActionItem {
  return {
    id: 'a',
    billerId: 'b1',
    callId: 'c1',
    raisedOn: '2025-03-04',
    text: 'Send BIF sample',
    owner: 'Dana',
    role: 'PM',
    dueDate: null,
    status: 'open',
    doneOn: null,
    smartsheetRowId: null,
    syncedAt: null,
    changedSinceSync: true,
    ...over,
  };
}
function escalation(over: Partial<Escalation>): Escalation {
  return {
    id: 'e',
    billerId: 'b1',
    callId: 'c1',
    raisedOn: '2025-03-04',
    issue: 'Payments file late',
    toWhom: 'InHANCE support',
    channel: 'email',
    status: 'open',
    resolvedOn: null,
    ...over,
  };
}

describe('carry-over', () => {
  const items = [
    action({ id: 'open', callId: 'c1', raisedOn: '2025-03-04' }),
    action({ id: 'done-later', callId: 'c1', raisedOn: '2025-03-04', status: 'done', doneOn: '2025-03-15' }),
    action({ id: 'done-before', callId: 'c1', raisedOn: '2025-03-04', status: 'done', doneOn: '2025-03-05' }),
    action({ id: 'this-call', callId: 'c2', raisedOn: '2025-03-11' }),
    action({ id: 'future', callId: 'c3', raisedOn: '2025-03-18' }),
  ];
  it("shows an earlier call's open items on the next call until they are done", () => {
    expect(carriedOver(items, '2025-03-11', 'c2').map((i) => i.id)).toEqual(['open', 'done-later']);
    expect(carriedOver(items, '2025-03-18', 'c3').map((i) => i.id)).toEqual(['open', 'this-call']);
  });
  it('never carries an item onto its own call or a call before it', () => {
    expect(carriedOver(items, '2025-03-04', 'c1')).toEqual([]);
  });
});

describe('open issues', () => {
  const names = (id: string) => (id === 'b1' ? 'Springfield' : 'Shelbyville');
  it('lists open action items and escalations with their age, oldest first, and filters by owner and biller', () => {
    const list = openIssues(
      [
        action({ id: 'a1', raisedOn: '2025-03-04', dueDate: '2025-03-10' }),
        action({ id: 'a2', raisedOn: '2025-03-11', owner: 'Lee', billerId: 'b2' }),
        action({ id: 'a3', status: 'done', doneOn: '2025-03-12' }),
      ],
      [
        escalation({ id: 'e1', raisedOn: '2025-02-25' }),
        escalation({ id: 'e2', status: 'resolved', resolvedOn: '2025-03-01' }),
      ],
      '2025-03-14',
      names,
    );
    expect(list.map((i) => [i.id, i.kind, i.ageDays, i.overdue])).toEqual([
      ['e1', 'escalation', 17, false],
      ['a1', 'action', 10, true],
      ['a2', 'action', 3, false],
    ]);
    expect(
      openIssues([action({ owner: 'Lee' }), action({ id: 'x' })], [], '2025-03-14', names, { owner: 'lee' }).map(
        (i) => i.owner,
      ),
    ).toEqual(['Lee']);
    expect(
      openIssues([action({ id: 'a2', billerId: 'b2' }), action({ id: 'x' })], [], '2025-03-14', names, {
        billerId: 'b2',
      }).map((i) => i.billerName),
    ).toEqual(['Shelbyville']);
  });
});

describe('the draft agenda', () => {
  it('is built only from facts: open items, escalations, job failures and streaks, checklist, unbalanced days', () => {
    const agenda = buildAgenda({
      today: '2025-03-11',
      openActions: [action({ dueDate: '2025-03-10' })],
      openEscalations: [escalation({})],
      jobFailures: [
        { jobLabel: 'Payments', failures: 3, streak: 3, lastError: 'InHANCE did not answer.' },
        { jobLabel: 'Balance', failures: 0, streak: 0, lastError: null },
        { jobLabel: 'Customer', failures: 1, streak: 0, lastError: null },
      ],
      checklist: ['Test BIF approved by IC: overdue since 2025-03-07'],
      controlDaysOff: [{ date: '2025-03-07', message: 'Off by $12.34 (InHANCE short)' }],
    });
    expect(agenda).toEqual([
      { section: 'actions', text: 'Send BIF sample (Dana, PM, overdue since 2025-03-10; raised 2025-03-04)' },
      { section: 'escalations', text: 'Payments file late (escalated to InHANCE support by email on 2025-03-04)' },
      {
        section: 'jobs',
        text: 'Payments: 3 failed runs since the last call; failing 3 runs in a row. Last error: InHANCE did not answer.',
      },
      { section: 'jobs', text: 'Customer: 1 failed run since the last call.' },
      { section: 'checklist', text: 'Test BIF approved by IC: overdue since 2025-03-07' },
      { section: 'control-totals', text: '2025-03-07: Off by $12.34 (InHANCE short)' },
    ]);
  });
  it('is empty when nothing is known', () => {
    expect(
      buildAgenda({
        today: '2025-03-11',
        openActions: [],
        openEscalations: [],
        jobFailures: [],
        checklist: [],
        controlDaysOff: [],
      }),
    ).toEqual([]);
  });
});

describe('the meeting series', () => {
  it("holds the source document's call and lists the next dates in the series' time zone", () => {
    const next = nextOccurrences(
      { weekday: 2, time: '10:00', timeZone: 'America/New_York' },
      new Date('2025-03-05T12:00:00Z'),
      3,
    );
    // 10:00 in New York is 14:00 UTC after the DST change on 9 March, 15:00 before it.
    expect(next).toEqual(['2025-03-11T14:00:00.000Z', '2025-03-18T14:00:00.000Z', '2025-03-25T14:00:00.000Z']);
    expect(nextOccurrences(DEFAULT_SERIES, new Date('2025-03-05T12:00:00Z'))).toEqual([]);
    const text = joinText(DEFAULT_SERIES);
    expect(text).not.toMatch(/days at/);
    expect(text).toContain('Meeting ID: 265 124 843 994');
    expect(text).toContain('Passcode: BhQbzg');
    expect(text).toContain('Dial in by phone: +1 323-457-8333,,448734005#');
    expect(text).toContain('Phone conference ID: 448 734 005#');
  });
  it('joins only through Teams or the phone', () => {
    expect(telLink(DEFAULT_SERIES.dialIn)).toBe('tel:+13234578333,,448734005#');
    expect(telLink('call me')).toBeNull();
    expect(isTeamsLink('https://teams.microsoft.com/l/meetup-join/abc')).toBe(true);
    expect(isTeamsLink('https://teams.microsoft.com.evil.example/x')).toBe(false);
    expect(isTeamsLink('http://teams.microsoft.com/x')).toBe(false);
  });
});
