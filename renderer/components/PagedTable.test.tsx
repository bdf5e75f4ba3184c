import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnumSelect } from './EnumSelect';
import { PagedTable, type PagedColumn } from './PagedTable';

afterEach(cleanup);

interface Row {
  id: string;
  name: string;
  cents: number;
}
const columns: Array<PagedColumn<Row>> = [
  { id: 'name', header: 'Customer name of the account', cell: (r) => r.name },
  { id: 'cents', header: 'Amount', numeric: true, cell: (r) => String(r.cents) },
  { id: 'open', header: 'Open', headerHidden: true, cell: (r) => <button type="button">Open {r.name}</button> },
];
const rows: Row[] = [
  { id: 'a', name: 'Ada', cents: 100 },
  { id: 'b', name: 'Bo', cents: 250 },
];

describe('PagedTable', () => {
  it('is a named table whose headers keep their names (whole in a title, for when they are clipped) and whose rows carry their cells', () => {
    const onPage = vi.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <PagedTable
          label="Accounts"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-id': r.id })}
          pager={{
            offset: 0,
            pageSize: 2,
            shown: 2,
            total: 5,
            onPage,
            place: (a, b, t) => `Rows ${a}–${b} of ${t}`,
            labels: ['Previous', 'Next'],
          }}
        />
      </FluentProvider>,
    );
    const table = screen.getByRole('table', { name: 'Accounts' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Customer name of the account', 'Amount', 'Open']);
    expect(within(headers[0]!).getByTitle('Customer name of the account')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table.querySelector('tr[data-id="b"]')?.textContent).toContain('Bo');
    expect(screen.getByText('Rows 1–2 of 5')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onPage).toHaveBeenCalledWith(2);
  });

  it('scrolls in a focusable, named region and says what is empty', () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <PagedTable
          label="Accounts"
          columns={columns}
          rows={[]}
          rowKey={(r) => r.id}
          scroll={{ kind: 'region', label: 'Account rows', maxHeight: '200px' }}
          empty="Nothing yet."
        />
      </FluentProvider>,
    );
    const region = screen.getByRole('region', { name: 'Account rows' });
    expect(region.tabIndex).toBe(0);
    expect(within(region).getByText('Nothing yet.')).toBeTruthy();
  });
});

describe('EnumSelect', () => {
  it('offers "any" first, then each value by its label, and hands back the value chosen', () => {
    const onChange = vi.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <EnumSelect
          label="Result"
          value=""
          values={['ok', 'bad'] as const}
          labels={{ ok: 'Succeeded', bad: 'Failed' }}
          anyLabel="Any result"
          onChange={onChange}
        />
      </FluentProvider>,
    );
    const select = screen.getByRole('combobox', { name: 'Result' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Any result', 'Succeeded', 'Failed']);
    fireEvent.change(select, { target: { value: 'bad' } });
    expect(onChange).toHaveBeenCalledWith('bad');
  });
});
