import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useApp } from '../app/app.store';

/** Chooses the biller the Jobs, Payments and Mapping screens work on; shown only when there are several. */
export function BillerPicker() {
  const { billers, selectedBillerId, selectBiller } = useApp();
  if (billers.length < 2) return null;
  const selected = billers.find((b) => b.id === selectedBillerId);
  return (
    <Field label="Biller" orientation="horizontal">
      <Dropdown
        value={selected?.name ?? ''}
        selectedOptions={selectedBillerId ? [selectedBillerId] : []}
        onOptionSelect={(_, d) => d.optionValue && selectBiller(d.optionValue)}
        style={{ minWidth: '220px' }}
      >
        {billers.map((b) => (
          <Option key={b.id} value={b.id}>
            {b.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
