import { Button, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { isTeamsLink, telLink, type Series } from '../../shared/domain/calls';
import { api } from '../app/api';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The biller's meeting series (or the default InHANCE call): join details, Join, next dates. */
export function MeetingPanel({ billerId }: { billerId: string }) {
  const styles = useCallStyles();
  const [series, setSeries] = useState<Series | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    api.calls.series({ billerId }).then(setSeries, (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }));
  }, [billerId]);
  if (!series) return <OutcomeBar outcome={outcome} />;
  const tel = series.dialIn ? telLink(series.dialIn) : null;
  const teams = series.joinUrl && isTeamsLink(series.joinUrl) ? series.joinUrl : null;
  const fmt = (iso: string) => new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: series.timeZone, timeZoneName: 'short' }).format(new Date(iso));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(series.joinText);
      setOutcome({ intent: 'success', text: 'Join details copied.' });
    } catch {
      setOutcome({ intent: 'warning', text: 'The clipboard is not available here: select the join details below and copy them.' });
    }
  };
  return (
    <section className={styles.section} aria-labelledby="meeting-title">
      <Text as="h3" id="meeting-title" weight="semibold" size={400}>
        {series.title}
      </Text>
      <Text>
        {WEEKDAYS[series.weekday]}s at {series.time} ({series.timeZone}), hosted by {series.host}
        {series.billerId === null ? ' (the default InHANCE support call)' : ''}. Reminder {series.reminderMinutes} minutes before.
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
      </div>
      <OutcomeBar outcome={outcome} />
      <pre className={styles.pre} aria-label="Join details">
        {series.joinText}
      </pre>
      <Text weight="semibold">Next calls</Text>
      <ul className={styles.list} aria-label="Next calls">
        {series.next.map((n) => (
          <li key={n}>{fmt(n)}</li>
        ))}
      </ul>
    </section>
  );
}
