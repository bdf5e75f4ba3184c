import { Button, Field, Input, Tab, TabList, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CallSummary } from '../../shared/domain/calls';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { useEvent } from '../app/use-event';
import { BillerPicker } from '../components/BillerPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { AgendaPanel } from './AgendaPanel';
import { CallPanel } from './CallPanel';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';
import { MeetingPanel } from './MeetingPanel';
import { OpenIssuesPanel } from './OpenIssuesPanel';
import { SyncSettingsPanel } from './SyncSettingsPanel';

type View = 'calls' | 'open-issues' | 'settings';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The weekly InHANCE support call: meeting, notes, action items, open issues, Smartsheet and Confluence. */
export function CallsScreen() {
  const styles = useCallStyles();
  const { billers, selectedBillerId } = useApp();
  const biller = billers.find((b) => b.id === selectedBillerId) ?? billers[0];
  const [view, setView] = useState<View>('calls');
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const [date, setDate] = useState<string | null>(null);
  const [newDate, setNewDate] = useState(today());
  const [outcome, setOutcome] = useState<Outcome>(null);
  const billerId = biller?.id;
  const load = () => {
    if (!billerId) return;
    api.calls.list({ billerId }).then(
      (list) => {
        setCalls(list);
        setDate((d) => (d && list.some((c) => c.date === d) ? d : (list[0]?.date ?? null)));
      },
      (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
    );
  };
  useEffect(() => {
    setDate(null);
    load();
  }, [billerId]);
  useEvent('calls:changed', (p) => p.billerId === billerId && load());

  return (
    <>
      <ScreenHeader
        title="Calls"
        subtitle={biller ? `Weekly InHANCE support call: ${biller.name}` : 'Weekly InHANCE support call'}
      >
        <BillerPicker />
      </ScreenHeader>
      <div className={styles.page}>
        {!billerId && <Text>Add a biller on the Billers screen first.</Text>}
        {billerId && (
          <>
            <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} aria-label="Calls views">
              <Tab value="calls">Call notes</Tab>
              <Tab value="open-issues">Open issues</Tab>
              <Tab value="settings">Sync settings</Tab>
            </TabList>
            {view === 'calls' && (
              <div className={styles.columns}>
                <nav className={styles.dates} aria-label="Calls by date">
                  <Field label="Call date">
                    <Input type="date" value={newDate} onChange={(_, d) => setNewDate(d.value)} />
                  </Field>
                  <Button
                    appearance="primary"
                    disabled={!newDate}
                    onClick={() =>
                      // An existing call is opened as it is: saving it again would blank its notes.
                      (calls.some((c) => c.date === newDate)
                        ? api.calls.get({ billerId, date: newDate })
                        : api.calls.save({ billerId, date: newDate })
                      ).then(
                        (c) => {
                          setDate(c.date);
                          setOutcome(null);
                          load();
                        },
                        (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
                      )
                    }
                  >
                    {calls.some((c) => c.date === newDate) ? 'Open call' : 'Start call'}
                  </Button>
                  <OutcomeBar outcome={outcome} />
                  <div className={styles.dateList}>
                    {calls.length === 0 && <Text className={styles.muted}>No calls recorded yet.</Text>}
                    {calls.map((c) => (
                      <Button
                        key={c.id}
                        appearance={c.date === date ? 'primary' : 'subtle'}
                        aria-current={c.date === date ? 'true' : undefined}
                        onClick={() => setDate(c.date)}
                      >
                        {c.date} ({c.openActionItems} open)
                      </Button>
                    ))}
                  </div>
                </nav>
                <div className={styles.panel}>
                  <MeetingPanel billerId={billerId} />
                  {date && <CallPanel key={`${billerId}-${date}`} billerId={billerId} date={date} />}
                  <AgendaPanel billerId={billerId} />
                </div>
              </div>
            )}
            {view === 'open-issues' && <OpenIssuesPanel />}
            {view === 'settings' && <SyncSettingsPanel billerId={billerId} />}
          </>
        )}
      </div>
    </>
  );
}
