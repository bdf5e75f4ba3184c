import { Field, Select } from '@fluentui/react-components';

export interface EnumSelectProps<V extends string> {
  /** The field's label, which is also the select's accessible name. */
  label: string;
  value: NoInfer<V> | '';
  /** Every value, in the order offered. */
  values: readonly V[];
  /** The words a person reads for each value. */
  labels: Readonly<Record<NoInfer<V>, string>>;
  /** The option meaning "any" (value ''), first; none: a value must be chosen. */
  anyLabel?: string;
  onChange(value: NoInfer<V> | ''): void;
  size?: 'small' | 'medium';
  className?: string;
}

/** A labelled native select over one of the shared domain's enums (jobs, run results, …), with an optional "any" first. */
export function EnumSelect<V extends string>(props: EnumSelectProps<V>) {
  return (
    <Field label={props.label} className={props.className}>
      <Select size={props.size} value={props.value} onChange={(_, d) => props.onChange(d.value as V | '')}>
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.labels[v]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
