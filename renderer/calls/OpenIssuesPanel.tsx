import {
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { OpenIssue } from '../../shared/domain/calls';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { useEvent } from '../app/use-event';
import { errorText, OutcomeBar, useCallStyles, type Outcome } from './calls-ui';

/** Every issue raised on a call and not yet resolved, oldest first, with its age; by owner and biller. */
export function OpenIssuesPanel() {
  const styles = useCallStyles();
  const billers = useApp((s) => s.billers);
  const [owner, setOwner] = useState('');
  const [billerId, setBillerId] = useState('');
  const [issues, setIssues] = useState<OpenIssue[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const load = () =>
    api.calls
      .openIssues({ ...(billerId ? { billerId } : {}), ...(owner.trim() ? { owner: owner.trim() } : {}) })
      .then(setIssues, (e: unknown) => setOutcome({ intent: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
  }, [owner, billerId]);
  useEvent('calls:changed', () => void load());
  return (
    <section className={styles.section} aria-labelledby="open-issues-title">
      <Text as="h3" id="open-issues-title" weight="semibold" size={400}>
        Open issues
      </Text>
      <div className={styles.row}>
        <Field label="Owner">
          <Input value={owner} placeholder="Any owner" onChange={(_, d) => setOwner(d.value)} />
        </Field>
        <Field label="Biller of the issues">
          <Select value={billerId} onChange={(_, d) => setBillerId(d.value)}>
            <option value="">All billers</option>
            {billers.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <OutcomeBar outcome={outcome} />
      {issues && issues.length === 0 && (
        <Text role="status">No open issues: every issue raised on a call is resolved.</Text>
      )}
      {issues && issues.length > 0 && (
        <Table aria-label="Open issues" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Age</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Issue</TableHeaderCell>
              <TableHeaderCell>Owner</TableHeaderCell>
              <TableHeaderCell>Biller</TableHeaderCell>
              <TableHeaderCell>Raised</TableHeaderCell>
              <TableHeaderCell>Due</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {issues.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.ageDays} d</TableCell>
                <TableCell>{i.kind === 'action' ? 'Action item' : 'Escalation'}</TableCell>
                <TableCell>{i.text}</TableCell>
                <TableCell>{i.owner}</TableCell>
                <TableCell>{i.billerName}</TableCell>
                <TableCell>{i.raisedOn}</TableCell>
                <TableCell>{i.dueDate ? `${i.dueDate}${i.overdue ? ' (overdue)' : ''}` : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
