import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { SOURCE_FIELDS, type ConfirmationStatus, type DiffEntry, type Suggestion } from '../../shared/domain/mapping';
import { ConfirmCrm } from './ConfirmCrm';
import { DiffTable } from './DiffTable';
import { draftFrom } from './draft-rows';
import { FieldTable, type SampleValues } from './FieldTable';
import { SuggestionsList } from './SuggestionsList';

const inFluent = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
afterEach(cleanup);

describe('the field table', () => {
  it('lists every target grouped Customer then Invoice, with its issues on its own row and the sample value', () => {
    const draft = draftFrom(
      [{ target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true }],
      IC_FIELDS,
    );
    const edits: Array<[string, unknown]> = [];
    inFluent(
      <FieldTable
        targets={IC_FIELDS}
        draft={draft}
        sources={SOURCE_FIELDS}
        issues={[
          {
            severity: 'error',
            target: 'invoices-balancedue',
            message: 'Balance Due (invoices-balancedue) is required by InvoiceCloud and has no source.',
          },
          { severity: 'warning', target: 'customers-phone', message: 'Phone would be written as stored.' },
        ]}
        sample={{ accountNumber: '100234', values: { 'customers-accountnumber': '100234' } }}
        suggestions={[
          { target: 'customers-phone', source: 'account.phone', transform: 'phone', score: 1, reason: 'same name' },
        ]}
        onAccept={(s) => edits.push(['accept', s.map((x) => x.source)])}
        onEdit={(target, patch) => edits.push([target, patch])}
      />,
    );
    const table = screen.getByRole('table', { name: 'InvoiceCloud fields and their sources' });
    const headings = within(table)
      .getAllByRole('heading')
      .map((h) => h.textContent);
    expect(headings).toEqual([
      'Customer — the CRM record the Customer job writes',
      'Invoice — the columns of the Biller Invoice File',
    ]);
    const rows = table.querySelectorAll('tr[data-target]');
    expect([...rows].map((r) => r.getAttribute('data-target'))).toEqual(IC_FIELDS.map((f) => f.key));

    const balance = table.querySelector('tr[data-target="invoices-balancedue"]') as HTMLElement;
    expect(balance.textContent).toContain('Error: Balance Due (invoices-balancedue) is required');
    expect(within(balance).getByText('Required')).toBeTruthy();
    const phone = table.querySelector('tr[data-target="customers-phone"]') as HTMLElement;
    expect(phone.textContent).toContain('Warning: Phone would be written as stored.');
    expect(screen.getByRole('columnheader', { name: 'Sample (account 100234)' })).toBeTruthy();
    expect((table.querySelector('tr[data-target="customers-accountnumber"]') as HTMLElement).textContent).toContain(
      '100234',
    );
    expect((screen.getByRole('combobox', { name: 'Source for Account Number' }) as HTMLInputElement).value).toBe(
      'Account Number',
    );
    expect((screen.getByRole('combobox', { name: 'Source for Phone' }) as HTMLInputElement).value).toBe('Not mapped');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Require Phone' }));
    expect(edits).toEqual([['customers-phone', { required: true }]]);
    // The suggestion for Phone sits in Phone's row and is applied only on click.
    const accept = within(phone).getByRole('button', { name: 'Accept the suggested Phone for Phone' });
    expect(table.querySelectorAll('tr[data-target] button[aria-label^="Accept the suggested"]')).toHaveLength(1);
    fireEvent.click(accept);
    expect(edits).toEqual([
      ['customers-phone', { required: true }],
      ['accept', ['account.phone']],
    ]);
  });
});

describe('the Sample column', () => {
  const draft = draftFrom(
    [{ target: 'customers-customername', source: 'account.customerName', transform: 'upper', required: true }],
    IC_FIELDS,
  );
  const table = (sample: SampleValues | null) => {
    inFluent(
      <FieldTable
        targets={IC_FIELDS}
        draft={draft}
        sources={SOURCE_FIELDS}
        issues={[]}
        sample={sample}
        onEdit={() => undefined}
      />,
    );
    const header = screen.getAllByRole('columnheader').at(-1)!;
    const cell = [...document.querySelectorAll('tr[data-target="customers-customername"] td')].at(-1)!;
    return { header, cell };
  };

  it('says it is reading a sample before the first account arrives', () => {
    const { header, cell } = table({ accountNumber: null, values: {}, updating: true });
    expect(header.getAttribute('data-sample-state')).toBe('updating');
    expect(header.textContent).toBe('Sample valueReading a sample account…');
    expect(cell.textContent).toBe('—');
  });

  it('marks the values as updating after an edit, and as current once the new ones are in', () => {
    const { header, cell } = table({
      accountNumber: '100234',
      values: { 'customers-customername': 'ANN LEE' },
      updating: true,
    });
    expect(header.getAttribute('data-sample-state')).toBe('updating');
    expect(header.textContent).toBe('Sample (account 100234)Updating for your edit…');
    expect(cell.textContent).toBe('ANN LEE');
    cleanup();
    const current = table({
      accountNumber: '100234',
      values: { 'customers-customername': 'ANN LEE' },
      updating: false,
      error: null,
    });
    expect(current.header.getAttribute('data-sample-state')).toBe('current');
    expect(current.header.textContent).toBe('Sample (account 100234)');
  });

  it('says the values were not updated when InHANCE could not be read', () => {
    const { header } = table({
      accountNumber: '100234',
      values: { 'customers-customername': 'Ann Lee' },
      updating: false,
      error: 'InHANCE Impresa did not answer.',
    });
    expect(header.getAttribute('data-sample-state')).toBe('unavailable');
    expect(header.textContent).toBe('Sample (account 100234)Not updated: InHANCE could not be read.');
    cleanup();
    expect(table({ accountNumber: null, values: {}, updating: false, error: 'No password.' }).header.textContent).toBe(
      'Sample valueInHANCE could not be read.',
    );
  });
});

describe('suggestions', () => {
  const suggestions: Suggestion[] = [
    {
      target: 'customers-phone',
      source: 'account.phone',
      transform: 'phone',
      score: 1,
      reason: 'Phone ← Phone (account.phone): same name, with the phone transform.',
    },
    {
      target: 'invoices-duedate',
      source: 'bill.dueDate',
      transform: 'date',
      dateFormat: 'M/D/YYYY',
      score: 0.9,
      reason: 'Due Date ← Due Date (bill.dueDate): same name.',
    },
  ];

  it('are applied only when the PM accepts one, or all', () => {
    const accepted: Suggestion[][] = [];
    inFluent(
      <SuggestionsList
        suggestions={suggestions}
        targets={IC_FIELDS}
        sources={SOURCE_FIELDS}
        onAccept={(s) => accepted.push([...s])}
      />,
    );
    expect(accepted).toEqual([]);
    const region = screen.getByRole('region', { name: 'Suggestions' });
    expect(region.textContent).toContain('2 suggestions by name (not applied until you accept)');
    expect(region.textContent).toContain('Date M/D/YYYY');
    fireEvent.click(screen.getByRole('button', { name: 'Accept Due Date for Due Date' }));
    expect(accepted).toEqual([[suggestions[1]]]);
    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }));
    expect(accepted[1]).toEqual(suggestions);
  });

  it('show nothing when there are none', () => {
    inFluent(
      <SuggestionsList suggestions={[]} targets={IC_FIELDS} sources={SOURCE_FIELDS} onAccept={() => undefined} />,
    );
    expect(screen.queryByRole('region', { name: 'Suggestions' })).toBeNull();
  });
});

describe('the diff between two versions', () => {
  it('names each change in words, before and after, so colour is never the only sign', () => {
    const changes: DiffEntry[] = [
      {
        target: 'customers-phone',
        label: 'Phone',
        before: { target: 'customers-phone', source: 'account.phone', transform: 'phone', required: false },
        after: { target: 'customers-phone', source: 'account.phone', transform: 'none', required: false },
        change: 'changed',
        summary: '',
      },
      {
        target: 'customers-address2',
        label: 'Address 2',
        before: { target: 'customers-address2', source: 'account.address2', transform: 'trim', required: false },
        after: null,
        change: 'removed',
        summary: '',
      },
    ];
    inFluent(<DiffTable from={1} to={2} changes={changes} sources={SOURCE_FIELDS} />);
    const table = screen.getByRole('table', { name: 'Changes from version 1 to version 2' });
    const phone = table.querySelector('tr[data-target="customers-phone"]') as HTMLElement;
    expect([...phone.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      'Phonecustomers-phone',
      'Changed',
      'Phone (account.phone) · Phone (555) 123-4567',
      'Phone (account.phone) · As stored',
    ]);
    const address = table.querySelector('tr[data-target="customers-address2"]') as HTMLElement;
    expect(address.textContent).toContain('Unmapped');
    expect(address.textContent).toContain('Not mapped');
  });

  it('says so when two versions map every field the same way', () => {
    inFluent(<DiffTable from={3} to={1} changes={[]} sources={SOURCE_FIELDS} />);
    expect(screen.getByText('Versions 3 and 1 map every field the same way.')).toBeTruthy();
  });
});

describe('Confirmed in CRM', () => {
  const status = (activeVersion: number): ConfirmationStatus => ({
    state: 'not-confirmed',
    activeVersion,
    latest: null,
    message: 'The field mapping has not been confirmed in CRM yet.',
  });

  it('confirms the version the dialog named, even if another became active while it was open, and shows main’s refusal', async () => {
    const asked: number[] = [];
    const onConfirm = async (version: number) => {
      asked.push(version);
      throw new Error(
        'Version 2 is no longer the active mapping: version 3 was saved since. Nothing was recorded. Check version 3 in CRM, then confirm it.',
      );
    };
    const view = inFluent(
      <ConfirmCrm status={status(2)} dirty={false} timeZone="America/New_York" onConfirm={onConfirm} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mark confirmed in CRM…' }));
    expect(screen.getByRole('dialog', { name: 'Confirm version 2 in CRM?' })).toBeTruthy();
    // Another PM saves version 3 while the dialog is open: the PM still confirms what they read.
    view.rerender(
      <FluentProvider theme={webLightTheme}>
        <ConfirmCrm status={status(3)} dirty={false} timeZone="America/New_York" onConfirm={onConfirm} />
      </FluentProvider>,
    );
    expect(screen.getByRole('dialog', { name: 'Confirm version 2 in CRM?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Record confirmation' }));
    expect(await screen.findByText(/^Version 2 is no longer the active mapping/)).toBeTruthy();
    expect(asked).toEqual([2]);
  });

  it('writes the confirmation time in the biller’s time zone, labelled with the zone, whatever this PC’s zone is', () => {
    const confirmed: ConfirmationStatus = {
      state: 'confirmed',
      activeVersion: 2,
      latest: {
        version: 2,
        confirmedBy: 'pm',
        confirmedByName: 'Pat Manager',
        confirmedAt: '2026-12-07T03:05:30.000Z',
      },
      message: '',
    };
    inFluent(<ConfirmCrm status={confirmed} dirty={false} timeZone="America/Chicago" onConfirm={async () => {}} />);
    // 03:05 UTC on 7 Dec is 9:05 PM on 6 Dec in Chicago.
    expect(screen.getByText(/^Version 2 confirmed by Pat Manager/).textContent).toMatch(
      /^Version 2 confirmed by Pat Manager, Dec 6, 2026, 9:05\sPM CST\.$/,
    );
  });

  it('passes 0 for the standard mapping, which main saves as version 1', async () => {
    const asked: number[] = [];
    inFluent(
      <ConfirmCrm status={status(0)} dirty timeZone="America/New_York" onConfirm={async (v) => void asked.push(v)} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mark confirmed in CRM…' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Confirm the standard mapping (saved as version 1 when you confirm) in CRM?',
    });
    expect(dialog.textContent).toContain('Your unsaved changes are not part of it');
    fireEvent.click(screen.getByRole('button', { name: 'Record confirmation' }));
    await waitFor(() => expect(asked).toEqual([0]));
  });
});
