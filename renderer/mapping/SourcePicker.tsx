import { Combobox, makeStyles, Option, OptionGroup, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { SOURCE_ORIGINS, type SourceField } from '../../shared/domain/mapping';
import { ORIGIN_LABELS } from './format';

const useStyles = makeStyles({
  combo: { minWidth: '0', width: '100%' },
  option: { display: 'flex', flexDirection: 'column' },
  path: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
});

const NOT_MAPPED = '';
const NO_MATCH = '\u0000no-match';

/**
 * The InHANCE (or computed) field that fills one target. Typing filters by label or path; the
 * fields discovered on the biller's records get their own group so a PM sees what is new.
 */
export function SourcePicker(props: {
  targetLabel: string;
  value: string | null;
  sources: readonly SourceField[];
  onChange: (source: string | null) => void;
}) {
  const styles = useStyles();
  const [query, setQuery] = useState<string | null>(null);
  const selected = props.sources.find((s) => s.path === props.value);
  const shown = selected ? selected.label : (props.value ?? 'Not mapped');

  const groups = useMemo(() => {
    const q = (query ?? '').trim().toLowerCase();
    const fits = (s: SourceField) => !q || s.label.toLowerCase().includes(q) || s.path.toLowerCase().includes(q);
    const out = SOURCE_ORIGINS.map((origin) => ({
      key: origin,
      label: ORIGIN_LABELS[origin],
      fields: props.sources.filter((s) => s.origin === origin && !s.discovered && fits(s)),
    }));
    out.push({
      key: 'discovered' as never,
      label: 'Discovered on this biller’s records',
      fields: props.sources.filter((s) => s.discovered && fits(s)),
    });
    return out.filter((g) => g.fields.length > 0);
  }, [props.sources, query]);

  const q = (query ?? '').trim().toLowerCase();
  const showNotMapped = !q || 'not mapped'.includes(q);

  return (
    <Combobox
      className={styles.combo}
      aria-label={`Source for ${props.targetLabel}`}
      value={query ?? shown}
      selectedOptions={[props.value ?? NOT_MAPPED]}
      onChange={(e) => setQuery(e.target.value)}
      onOptionSelect={(_, d) => {
        // Typing clears Fluent's selection (optionValue undefined): the PM is still choosing, keep the filter.
        if (d.optionValue === undefined || d.optionValue === NO_MATCH) return;
        setQuery(null);
        props.onChange(d.optionValue === NOT_MAPPED ? null : d.optionValue);
      }}
      onOpenChange={(_, d) => {
        if (!d.open) setQuery(null);
      }}
      onBlur={() => setQuery(null)}
      // Typing replaces the shown name instead of appending to it.
      onFocus={(e) => e.target.select()}
      listbox={{ style: { maxHeight: '320px' } }}
      // One tab stop per row: the chevron is for the mouse (the keyboard opens the list with Alt+Down or by typing).
      expandIcon={{ tabIndex: -1, 'aria-hidden': true }}
    >
      {showNotMapped && (
        <Option value={NOT_MAPPED} text="Not mapped">
          Not mapped
        </Option>
      )}
      {groups.map((g) => (
        <OptionGroup key={g.key} label={g.label}>
          {g.fields.map((s) => (
            <Option key={s.path} value={s.path} text={s.label}>
              <span className={styles.option}>
                <Text>{s.label}</Text>
                <Text size={200} className={styles.path}>
                  {s.path}
                </Text>
              </span>
            </Option>
          ))}
        </OptionGroup>
      ))}
      {groups.length === 0 && !showNotMapped && (
        <Option value={NO_MATCH} text="" disabled>
          No source field matches “{query}”
        </Option>
      )}
    </Combobox>
  );
}
