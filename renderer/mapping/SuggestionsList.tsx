import { Badge, Button, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Checkmark20Regular, Lightbulb20Regular } from '@fluentui/react-icons';
import type { IcField } from '../../shared/domain/invoicecloud-fields';
import type { SourceField, Suggestion } from '../../shared/domain/mapping';
import { transformText } from './format';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  pair: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  reason: { color: tokens.colorNeutralForeground3 },
});

/**
 * Sources proposed by name for targets the draft leaves unmapped. They stay proposals: the draft
 * changes only when the PM accepts one, or all.
 */
export function SuggestionsList(props: {
  suggestions: readonly Suggestion[];
  targets: readonly IcField[];
  sources: readonly SourceField[];
  onAccept: (accepted: readonly Suggestion[]) => void;
}) {
  const styles = useStyles();
  if (props.suggestions.length === 0) return null;
  const label = (key: string) => props.targets.find((t) => t.key === key)?.label ?? key;
  const source = (path: string) => props.sources.find((s) => s.path === path)?.label ?? path;
  return (
    <Card appearance="outline" role="region" aria-label="Suggestions">
      <CardHeader
        image={<Lightbulb20Regular aria-hidden />}
        header={
          <Text weight="semibold">
            {props.suggestions.length} suggestion{props.suggestions.length === 1 ? '' : 's'} by name (not applied until
            you accept)
          </Text>
        }
        action={
          <Button icon={<Checkmark20Regular />} onClick={() => props.onAccept(props.suggestions)}>
            Accept all
          </Button>
        }
      />
      <ul className={styles.list}>
        {props.suggestions.map((s) => (
          <li key={s.target} className={styles.item}>
            <div className={styles.text}>
              <span className={styles.pair}>
                <Text weight="semibold">{label(s.target)}</Text>
                <Text aria-hidden>←</Text>
                <Text>
                  {source(s.source)}{' '}
                  <Text font="monospace" size={200}>
                    ({s.source})
                  </Text>
                </Text>
                <Badge appearance="outline" color="informative">
                  {transformText(s)}
                </Badge>
                <Badge appearance="tint" color={s.score >= 0.9 ? 'success' : 'informative'}>
                  {Math.round(s.score * 100)}% match
                </Badge>
              </span>
              <Text size={200} className={styles.reason}>
                {s.reason}
              </Text>
            </div>
            <Button
              size="small"
              onClick={() => props.onAccept([s])}
              aria-label={`Accept ${source(s.source)} for ${label(s.target)}`}
            >
              Accept
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
