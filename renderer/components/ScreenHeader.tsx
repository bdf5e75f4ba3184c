import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalS}`,
  },
  actions: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function ScreenHeader(props: { title: string; subtitle?: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <div>
        <Text as="h2" size={600} weight="semibold" block>
          {props.title}
        </Text>
        {props.subtitle && <Text size={300}>{props.subtitle}</Text>}
      </div>
      <div className={styles.actions}>{props.children}</div>
    </header>
  );
}
