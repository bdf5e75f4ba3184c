import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { QUEUE_SHORTCUTS } from './keyboard';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, rowGap: '2px', margin: 0 },
  key: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: '0 4px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground1,
    justifySelf: 'start',
  },
});

/** The keys the queue answers to, from the same table the key handler uses. */
export function Shortcuts() {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label="Keyboard shortcuts">
      {QUEUE_SHORTCUTS.map((s) => (
        <div key={s.keys} style={{ display: 'contents' }}>
          <dt>
            <kbd className={styles.key}>{s.keys}</kbd>
          </dt>
          <dd style={{ margin: 0 }}>
            <Text size={200}>{s.does}</Text>
          </dd>
        </div>
      ))}
    </dl>
  );
}
