import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { ValidationIssue } from '../../shared/domain/mapping';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** The draft's issues as main found them: errors block saving, warnings are there to be read. */
export function ValidationSummary(props: { issues: readonly ValidationIssue[]; checking: boolean }) {
  const styles = useStyles();
  const errors = props.issues.filter((i) => i.severity === 'error');
  const warnings = props.issues.filter((i) => i.severity === 'warning');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <section className={styles.stack} aria-label="Validation" aria-live="polite" aria-busy={props.checking}>
      {props.checking && <Spinner size="extra-tiny" label="Checking the mapping…" labelPosition="after" />}
      {errors.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {errors.length === 1 ? '1 error blocks saving' : `${errors.length} errors block saving`}
            </MessageBarTitle>
            <ul className={styles.list}>
              {errors.map((i, n) => (
                <li key={n}>{i.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{plural(warnings.length, 'warning')} (saving is allowed)</MessageBarTitle>
            <ul className={styles.list}>
              {warnings.map((i, n) => (
                <li key={n}>{i.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {!props.checking && props.issues.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>No problems found: every required field has a source and every type fits.</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
