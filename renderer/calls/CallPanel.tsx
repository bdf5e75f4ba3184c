import { Button, Checkbox, Field, Input, Select, Text, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  addContactAttendees,
  ATTENDEE_ROLES,
  CONTACT_ORG_ROLES,
  ESCALATION_CHANNELS,
  type ActionItem,
  type Attendee,
  type AttendeeRole,
  type Call,
} from '../../shared/domain/calls';
import type { Contact } from '../../shared/domain/setup';
import { api } from '../app/api';
import { saveFile } from '../components/save-file';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

function ActionRow({
  item,
  carried,
  onChange,
}: {
  item: ActionItem;
  carried: boolean;
  onChange: (o: Outcome) => void;
}) {
  const done = item.status === 'done';
  return (
    <li>
      <Checkbox
        checked={done}
        label={`${item.text}. Owner: ${item.owner} (${item.role}); due ${item.dueDate ?? 'not set'}${carried ? `; raised ${item.raisedOn}` : ''}${done ? `; done ${item.doneOn}` : ''}${item.smartsheetRowId !== null ? (item.changedSinceSync ? ' (changed since the Smartsheet sync)' : ' (in Smartsheet)') : ''}`}
        onChange={(_, d) => {
          api.calls.updateAction({ id: item.id, status: d.checked ? 'done' : 'open' }).then(
            () => onChange({ intent: 'success', text: `"${item.text}" marked ${d.checked ? 'done' : 'open'}.` }),
            (e: unknown) => onChange({ intent: 'error', text: errorText(e) }),
          );
        }}
      />
    </li>
  );
}

/** One call: attendees, notes, action items (with carried-over ones), escalations, export and sync. */
export function CallPanel({ billerId, date }: { billerId: string; date: string }) {
  const styles = useCallStyles();
  const [call, setCall] = useState<Call | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [notes, setNotes] = useState({ summary: '', blockers: '', decisions: '' });
  const [attendees, setAttendees] = useState<Attendee[]>([]);
  const [newAttendee, setNewAttendee] = useState<{ name: string; role: AttendeeRole }>({ name: '', role: 'Biller' });
  const [action, setAction] = useState<{ text: string; owner: string; role: AttendeeRole; dueDate: string }>({
    text: '',
    owner: '',
    role: 'PM',
    dueDate: '',
  });
  const [escalation, setEscalation] = useState<{
    issue: string;
    toWhom: string;
    channel: (typeof ESCALATION_CHANNELS)[number];
  }>({ issue: '', toWhom: '', channel: 'email' });
  const [busy, setBusy] = useState(false);
  // The biller's setup contacts, offered as attendees (null until read).
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const contactsList = `call-contacts-${billerId}`;
  const contactNamed = (name: string) =>
    contacts?.find((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase()) ?? null;

  const load = () =>
    api.calls.get({ billerId, date }).then(
      (c) => {
        setCall(c);
        setNotes({ summary: c.summary, blockers: c.blockers, decisions: c.decisions });
        setAttendees(c.attendees);
      },
      (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }),
    );
  useEffect(() => {
    setOutcome(null);
    void load();
  }, [billerId, date]);
  useEffect(() => {
    setContacts(null);
    api.setup.get({ billerId }).then(
      (setup) => setContacts(setup.fields.contacts),
      (e: unknown) => setOutcome({ intent: 'error', text: `Cannot read the biller’s contacts: ${errorText(e)}` }),
    );
  }, [billerId]);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ intent: 'success', text: await fn() });
    } catch (e) {
      setOutcome({ intent: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
      await load();
    }
  };
  const changed = (o: Outcome) => {
    setOutcome(o);
    void load();
  };
  if (!call) return <OutcomeBar outcome={outcome} />;

  return (
    <div className={styles.panel}>
      <Text as="h3" size={500} weight="semibold">
        Call on {date}
      </Text>
      <OutcomeBar outcome={outcome} />
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => void run(async () => (await api.calls.syncSmartsheet({ billerId })).message)}
        >
          Sync to Smartsheet
        </Button>
        <Button
          disabled={busy}
          onClick={() => void run(async () => (await api.calls.publishConfluence({ billerId, date })).message)}
        >
          Publish to Confluence
        </Button>
        {(['md', 'pdf'] as const).map((format) => (
          <Button
            key={format}
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const file = await api.calls.export({ billerId, date, format });
                saveFile(
                  file.fileName,
                  Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)),
                  file.mimeType,
                );
                return `Saved ${file.fileName}.`;
              })
            }
          >
            Export {format === 'md' ? 'Markdown' : 'PDF'}
          </Button>
        ))}
      </div>

      <section className={styles.section} aria-label="Attendees">
        <Text weight="semibold">Attendees</Text>
        {attendees.length === 0 && <Text className={styles.muted}>No attendees recorded yet.</Text>}
        <ul className={styles.list}>
          {attendees.map((a, i) => (
            <li key={`${a.name}-${i}`}>
              <Checkbox
                checked={a.present}
                label={`${a.name} (${a.role}): ${a.present ? 'present' : 'absent'}`}
                onChange={(_, d) =>
                  setAttendees(attendees.map((x, j) => (j === i ? { ...x, present: Boolean(d.checked) } : x)))
                }
              />
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Remove ${a.name}`}
                onClick={() => setAttendees(attendees.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <div className={styles.row}>
          <Button
            disabled={!contacts?.length}
            onClick={() => {
              const next = addContactAttendees(attendees, contacts ?? []);
              setAttendees(next.attendees);
              setOutcome({
                intent: 'info',
                text: next.added
                  ? `${next.added} of the biller’s contacts added as present. Save notes to keep them.`
                  : 'Every contact of the biller is already listed.',
              });
            }}
          >
            Add the biller’s contacts
          </Button>
          {contacts?.length === 0 && (
            <Text className={styles.muted}>The biller’s setup has no contacts yet (Conversion, Setup).</Text>
          )}
        </div>
        <div className={styles.row}>
          <Field
            label="Attendee name"
            className={styles.grow}
            hint={contacts?.length ? 'Suggests the biller’s contacts.' : undefined}
          >
            <Input
              list={contactsList}
              value={newAttendee.name}
              onChange={(_, d) => {
                // Picking a contact's name also picks the role of its organisation.
                const contact = contactNamed(d.value);
                setNewAttendee({
                  name: d.value,
                  role: contact ? CONTACT_ORG_ROLES[contact.organisation] : newAttendee.role,
                });
              }}
            />
          </Field>
          <datalist id={contactsList}>
            {(contacts ?? []).map((c) => (
              <option key={c.id ?? c.name} value={c.name} />
            ))}
          </datalist>
          <Field label="Attendee role">
            <Select
              value={newAttendee.role}
              onChange={(_, d) => setNewAttendee({ ...newAttendee, role: d.value as AttendeeRole })}
            >
              {ATTENDEE_ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
          </Field>
          <Button
            disabled={!newAttendee.name.trim()}
            onClick={() => {
              setAttendees([
                ...attendees,
                {
                  name: newAttendee.name.trim(),
                  role: newAttendee.role,
                  present: true,
                  contactId: contactNamed(newAttendee.name)?.id ?? null,
                },
              ]);
              setNewAttendee({ name: '', role: newAttendee.role });
            }}
          >
            Add attendee
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-label="Notes">
        <div className={styles.notes}>
          <Field label="Status summary">
            <Textarea
              value={notes.summary}
              resize="vertical"
              onChange={(_, d) => setNotes({ ...notes, summary: d.value })}
            />
          </Field>
          <Field label="Blockers">
            <Textarea
              value={notes.blockers}
              resize="vertical"
              onChange={(_, d) => setNotes({ ...notes, blockers: d.value })}
            />
          </Field>
          <Field label="Decisions">
            <Textarea
              value={notes.decisions}
              resize="vertical"
              onChange={(_, d) => setNotes({ ...notes, decisions: d.value })}
            />
          </Field>
        </div>
        <div className={styles.row}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void run(
                async () => (
                  await api.calls.save({ billerId, date, ...notes, attendees }),
                  `Notes of the ${date} call saved.`
                ),
              )
            }
          >
            Save notes
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-label="Action items">
        <Text weight="semibold">Action items</Text>
        {call.carriedOver.length > 0 && (
          <>
            <Text>Carried over from earlier calls</Text>
            <ul className={styles.list} aria-label="Carried over">
              {call.carriedOver.map((i) => (
                <ActionRow key={i.id} item={i} carried onChange={changed} />
              ))}
            </ul>
          </>
        )}
        <Text>Raised on this call</Text>
        {call.actionItems.length === 0 && <Text className={styles.muted}>None yet.</Text>}
        <ul className={styles.list} aria-label="Raised on this call">
          {call.actionItems.map((i) => (
            <ActionRow key={i.id} item={i} carried={false} onChange={changed} />
          ))}
        </ul>
        <div className={styles.row}>
          <Field label="Action item" className={styles.grow}>
            <Input value={action.text} onChange={(_, d) => setAction({ ...action, text: d.value })} />
          </Field>
          <Field label="Owner">
            <Input value={action.owner} onChange={(_, d) => setAction({ ...action, owner: d.value })} />
          </Field>
          <Field label="Owner role">
            <Select value={action.role} onChange={(_, d) => setAction({ ...action, role: d.value as AttendeeRole })}>
              {ATTENDEE_ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
          </Field>
          <Field label="Due date">
            <Input type="date" value={action.dueDate} onChange={(_, d) => setAction({ ...action, dueDate: d.value })} />
          </Field>
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const saved = await api.calls.addAction({
                  billerId,
                  date,
                  item: { text: action.text, owner: action.owner, role: action.role, dueDate: action.dueDate || null },
                });
                setAction({ text: '', owner: '', role: action.role, dueDate: '' });
                return `Action item "${saved.text}" added.`;
              })
            }
          >
            Add action item
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-label="Escalations">
        <Text weight="semibold">Escalations</Text>
        {call.escalations.length + call.openEscalations.length === 0 && <Text className={styles.muted}>None.</Text>}
        <ul className={styles.list}>
          {[...call.openEscalations, ...call.escalations].map((e) => (
            <li key={e.id}>
              <Checkbox
                checked={e.status === 'resolved'}
                label={`${e.issue}. To ${e.toWhom} by ${e.channel}, raised ${e.raisedOn}; ${e.status === 'resolved' ? `resolved ${e.resolvedOn}` : 'open'}`}
                onChange={(_, d) =>
                  api.calls.setEscalationStatus({ id: e.id, status: d.checked ? 'resolved' : 'open' }).then(
                    () =>
                      changed({
                        intent: 'success',
                        text: `Escalation "${e.issue}" marked ${d.checked ? 'resolved' : 'open'}.`,
                      }),
                    (err: unknown) => changed({ intent: 'error', text: errorText(err) }),
                  )
                }
              />
            </li>
          ))}
        </ul>
        <div className={styles.row}>
          <Field label="Issue escalated" className={styles.grow}>
            <Input value={escalation.issue} onChange={(_, d) => setEscalation({ ...escalation, issue: d.value })} />
          </Field>
          <Field label="Escalated to">
            <Input value={escalation.toWhom} onChange={(_, d) => setEscalation({ ...escalation, toWhom: d.value })} />
          </Field>
          <Field label="Channel">
            <Select
              value={escalation.channel}
              onChange={(_, d) =>
                setEscalation({ ...escalation, channel: d.value as (typeof ESCALATION_CHANNELS)[number] })
              }
            >
              {ESCALATION_CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          </Field>
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const saved = await api.calls.addEscalation({ billerId, date, escalation });
                setEscalation({ issue: '', toWhom: '', channel: escalation.channel });
                return `Escalation "${saved.issue}" recorded.`;
              })
            }
          >
            Add escalation
          </Button>
        </div>
      </section>
    </div>
  );
}
