import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { QUEUE_SHORTCUTS } from './keyboard';

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: '2px', margin: 0, padding: 0, listStyle: 'none' },
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

/** The keys the queue answers to, from the same table the key handler uses. */
export function Shortcuts() {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Keyboard shortcuts">
      {QUEUE_SHORTCUTS.map((s) => (
        <li key={s.keys} className={styles.item}>
          <kbd className={styles.key}>{s.keys}</kbd>
          <Text size={200}>{s.does}</Text>
        </li>
      ))}
    </ul>
  );
}
