import { Dropdown, makeStyles, Option, tokens } from '@fluentui/react-components';
import {
  DATE_FORMATS,
  DEFAULT_DATE_FORMAT,
  TRANSFORM_LABELS,
  TRANSFORMS,
  type DateFormat,
  type MappingRow,
  type Transform,
} from '../../shared/domain/mapping';
import type { RowPatch } from './draft-rows';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dropdown: { minWidth: '0', width: '100%' },
});

/** The transform of one row, and the output date format when the transform is a date. */
export function TransformPicker(props: { targetLabel: string; row: MappingRow; onChange: (patch: RowPatch) => void }) {
  const styles = useStyles();
  const { row } = props;
  return (
    <div className={styles.stack}>
      <Dropdown
        className={styles.dropdown}
        aria-label={`Transform for ${props.targetLabel}`}
        value={TRANSFORM_LABELS[row.transform]}
        selectedOptions={[row.transform]}
        onOptionSelect={(_, d) => d.optionValue && props.onChange({ transform: d.optionValue as Transform })}
      >
        {TRANSFORMS.map((t) => (
          <Option key={t} value={t}>
            {TRANSFORM_LABELS[t]}
          </Option>
        ))}
      </Dropdown>
      {row.transform === 'date' && (
        <Dropdown
          className={styles.dropdown}
          aria-label={`Date format for ${props.targetLabel}`}
          value={`as ${row.dateFormat ?? DEFAULT_DATE_FORMAT}`}
          selectedOptions={[row.dateFormat ?? DEFAULT_DATE_FORMAT]}
          onOptionSelect={(_, d) => d.optionValue && props.onChange({ dateFormat: d.optionValue as DateFormat })}
        >
          {DATE_FORMATS.map((f) => (
            <Option key={f} value={f} text={`as ${f}`}>
              {`as ${f}${f === DEFAULT_DATE_FORMAT ? ' (Invoice File)' : ''}`}
            </Option>
          ))}
        </Dropdown>
      )}
    </div>
  );
}
