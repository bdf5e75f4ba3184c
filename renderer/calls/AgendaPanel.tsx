import { Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Agenda, AgendaItem } from '../../shared/domain/calls';
import { api } from '../app/api';
import { useEvent } from '../app/use-event';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

const SECTIONS: Array<[AgendaItem['section'], string]> = [
  ['actions', 'Open action items'],
  ['escalations', 'Open escalations'],
  ['jobs', 'Job failures since the last call'],
  ['checklist', 'Checklist items blocked or overdue'],
  ['control-totals', 'Control totals that do not balance'],
];

/** The next call's draft agenda, built from what the app knows. */
export function AgendaPanel({ billerId }: { billerId: string }) {
  const styles = useCallStyles();
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const load = () =>
    api.calls.agenda({ billerId }).then(setAgenda, (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
  }, [billerId]);
  useEvent('calls:changed', (p) => p.billerId === billerId && void load());
  return (
    <section className={styles.section} aria-labelledby="agenda-title">
      <Text as="h3" id="agenda-title" weight="semibold" size={400}>
        Draft agenda for the next call
      </Text>
      <OutcomeBar outcome={outcome} />
      {agenda && (
        <Text className={styles.muted}>
          {agenda.since ? `Since the last call on ${agenda.since}.` : 'No call recorded yet.'}
        </Text>
      )}
      {agenda && agenda.items.length === 0 && (
        <Text>Nothing to raise: no open items, job failures or unbalanced days.</Text>
      )}
      {agenda &&
        SECTIONS.filter(([s]) => agenda.items.some((i) => i.section === s)).map(([s, title]) => (
          <div key={s}>
            <Text weight="semibold">{title}</Text>
            <ul className={styles.list}>
              {agenda.items
                .filter((i) => i.section === s)
                .map((i, k) => (
                  <li key={k}>{i.text}</li>
                ))}
            </ul>
          </div>
        ))}
      {agenda?.notes.map((n) => (
        <Text key={n} className={styles.muted}>
          {n}
        </Text>
      ))}
    </section>
  );
}
