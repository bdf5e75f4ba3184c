import { Dropdown, Label, makeStyles, Option, tokens, useId } from '@fluentui/react-components';
import { useApp } from '../app/app.store';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: '220px' },
});

/** Chooses the biller the Jobs, Payments and Mapping screens work on; shown only when there are several. */
export function BillerPicker() {
  const styles = useStyles();
  const labelId = useId('biller-picker');
  const { billers, selectedBillerId, selectBiller } = useApp();
  if (billers.length < 2) return null;
  const selected = billers.find((b) => b.id === selectedBillerId);
  return (
    <div className={styles.row}>
      <Label id={labelId}>Biller</Label>
      <Dropdown
        className={styles.dropdown}
        aria-labelledby={labelId}
        value={selected?.name ?? ''}
        selectedOptions={selectedBillerId ? [selectedBillerId] : []}
        onOptionSelect={(_, d) => d.optionValue && selectBiller(d.optionValue)}
      >
        {billers.map((b) => (
          <Option key={b.id} value={b.id}>
            {b.name}
          </Option>
        ))}
      </Dropdown>
    </div>
  );
}
