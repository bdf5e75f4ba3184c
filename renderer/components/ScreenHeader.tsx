import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalS}`,
  },
  actions: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // Screens that need the height (the payments queue): title and controls on one line that wraps
  // instead of pushing the page sideways on a narrow window.
  compact: {
    flexWrap: 'wrap',
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXS}`,
  },
  compactActions: { flexWrap: 'wrap', justifyContent: 'flex-end', rowGap: tokens.spacingVerticalXS },
});

export function ScreenHeader(props: { title: string; subtitle?: string; compact?: boolean; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <header className={mergeClasses(styles.header, props.compact && styles.compact)}>
      <div>
        <Text
          as="h2"
          size={props.compact ? 500 : 600}
          weight="semibold"
          block
          title={props.compact ? props.subtitle : undefined}
        >
          {props.title}
        </Text>
        {props.subtitle && !props.compact && <Text size={300}>{props.subtitle}</Text>}
      </div>
      <div className={mergeClasses(styles.actions, props.compact && styles.compactActions)}>{props.children}</div>
    </header>
  );
}
