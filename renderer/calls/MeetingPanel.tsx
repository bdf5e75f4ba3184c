import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { isTeamsLink, telLink, type Series, type SeriesInput } from '../../shared/domain/calls';
import { api } from '../app/api';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Draft = Record<
  | 'title'
  | 'meetingId'
  | 'passcode'
  | 'joinUrl'
  | 'dialIn'
  | 'conferenceId'
  | 'weekday'
  | 'time'
  | 'timeZone'
  | 'host'
  | 'reminderMinutes',
  string
>;

function draftOf(s: Series): Draft {
  return {
    title: s.title,
    meetingId: s.meetingId,
    passcode: s.passcode,
    joinUrl: s.joinUrl ?? '',
    dialIn: s.dialIn,
    conferenceId: s.conferenceId,
    weekday: s.weekday === null ? '' : String(s.weekday),
    time: s.time ?? '',
    timeZone: s.timeZone,
    host: s.host,
    reminderMinutes: String(s.reminderMinutes),
  };
}

function inputOf(d: Draft): SeriesInput {
  return {
    title: d.title,
    meetingId: d.meetingId,
    passcode: d.passcode,
    joinUrl: d.joinUrl.trim() || null,
    dialIn: d.dialIn,
    conferenceId: d.conferenceId,
    weekday: d.weekday === '' ? null : Number(d.weekday),
    time: d.time || null,
    timeZone: d.timeZone,
    host: d.host,
    reminderMinutes: Number(d.reminderMinutes),
  };
}

/** The biller's meeting series (or the default InHANCE call): join details, Join, next dates, edit. */
export function MeetingPanel({ billerId }: { billerId: string }) {
  const styles = useCallStyles();
  const [series, setSeries] = useState<Series | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    api.calls.series({ billerId }).then(setSeries, (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }));
  }, [billerId]);
  if (!series) return <OutcomeBar outcome={outcome} />;
  const tel = series.dialIn ? telLink(series.dialIn) : null;
  const teams = series.joinUrl && isTeamsLink(series.joinUrl) ? series.joinUrl : null;
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: series.timeZone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(series.joinText);
      setOutcome({ intent: 'success', text: 'Join details copied.' });
    } catch {
      setOutcome({
        intent: 'warning',
        text: 'The clipboard is not available here: select the join details below and copy them.',
      });
    }
  };
  const field = (key: keyof Draft, label: string, type: 'text' | 'time' | 'number' = 'text') => (
    <Field label={label} className={styles.grow}>
      <Input type={type} value={draft![key]} onChange={(_, d) => setDraft({ ...draft!, [key]: d.value })} />
    </Field>
  );
  const when =
    series.weekday !== null && series.time !== null
      ? `${WEEKDAYS[series.weekday]}s at ${series.time} (${series.timeZone})`
      : 'Weekday and time not set yet (the source document does not give them)';
  return (
    <section className={styles.section} aria-labelledby="meeting-title">
      <Text as="h3" id="meeting-title" weight="semibold" size={400}>
        {series.title}
      </Text>
      <Text>
        {when}, hosted by {series.host}
        {series.billerId === null ? ' (the default InHANCE support call)' : ''}. Reminder {series.reminderMinutes}{' '}
        minutes before.
      </Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void copy()}>
          Copy join details
        </Button>
        {teams && (
          <Button as="a" href={teams} target="_blank" rel="noopener noreferrer">
            Join in Teams
          </Button>
        )}
        {tel && (
          <Button as="a" href={tel}>
            Join by phone
          </Button>
        )}
        <Button
          appearance="subtle"
          aria-expanded={draft !== null}
          onClick={() => setDraft(draft ? null : draftOf(series))}
        >
          {draft ? 'Close meeting settings' : 'Edit meeting'}
        </Button>
      </div>
      <OutcomeBar outcome={outcome} />
      {draft && (
        <form
          aria-label="Meeting settings"
          className={styles.panel}
          onSubmit={(e) => {
            e.preventDefault();
            api.calls.saveSeries({ billerId, series: inputOf(draft) }).then(
              (s) => {
                setSeries(s);
                setDraft(null);
                setOutcome({ intent: 'success', text: 'Meeting saved for this biller.' });
              },
              (err: unknown) => setOutcome({ intent: 'error', text: errorText(err) }),
            );
          }}
        >
          <div className={styles.row}>
            {field('title', 'Meeting title')}
            {field('host', 'Host')}
          </div>
          <div className={styles.row}>
            {field('meetingId', 'Meeting ID')}
            {field('passcode', 'Passcode')}
            {field('joinUrl', 'Teams join link')}
          </div>
          <div className={styles.row}>
            {field('dialIn', 'Dial-in')}
            {field('conferenceId', 'Phone conference ID')}
          </div>
          <div className={styles.row}>
            <Field label="Weekday">
              <Select value={draft.weekday} onChange={(_, d) => setDraft({ ...draft, weekday: d.value })}>
                <option value="">Not set</option>
                {WEEKDAYS.map((w, i) => (
                  <option key={w} value={String(i)}>
                    {w}
                  </option>
                ))}
              </Select>
            </Field>
            {field('time', 'Time', 'time')}
            {field('timeZone', 'Time zone')}
            {field('reminderMinutes', 'Reminder (minutes before)', 'number')}
          </div>
          <div className={styles.row}>
            <Button appearance="primary" type="submit">
              Save meeting
            </Button>
          </div>
        </form>
      )}
      <pre className={styles.pre} aria-label="Join details">
        {series.joinText}
      </pre>
      <Text weight="semibold">Next calls</Text>
      {series.next.length === 0 ? (
        <Text className={styles.muted}>Set the weekday and time to list the next calls.</Text>
      ) : (
        <ul className={styles.list} aria-label="Next calls">
          {series.next.map((n) => (
            <li key={n}>{fmt(n)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
