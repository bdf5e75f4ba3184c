import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { QUEUE_MOUSE, QUEUE_SHORTCUTS } from './keyboard';

const useStyles = makeStyles({
  details: { flexShrink: 0 },
  summary: { cursor: 'pointer', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: '2px',
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  key: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: '0 4px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

/**
 * The keys and clicks the queue answers to, from the same tables the handlers use. Folded to one
 * line (the most used keys) so the queue keeps its rows; it opens to the whole list.
 */
export function Shortcuts() {
  const styles = useStyles();
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>
        <Text size={200}>
          Shortcuts: ↑ ↓ move · Space select · Enter post · H hold · R reject · / search · g q queue · click the box to
          add a row. All keys and clicks
        </Text>
      </summary>
      <ul className={styles.list} aria-label="Keyboard and mouse shortcuts">
        {[...QUEUE_SHORTCUTS, ...QUEUE_MOUSE].map((s) => (
          <li key={s.keys} className={styles.item}>
            <kbd className={styles.key}>{s.keys}</kbd>
            <Text size={200}>{s.does}</Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
