import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { TextPromptDialog } from '../components/TextPromptDialog';
import { problemsOf } from './format';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** An error from main with its problems listed one per line, as a PM reads them. */
export function ProblemList(props: { error: Error; title?: string }) {
  const styles = useStyles();
  const { headline, items } = problemsOf(props.error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {headline}
        {items.length > 0 && (
          <ul className={styles.list}>
            {items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Every write to the mapping (save, revert, import) says why, so the history reads as a story.
 * An error from main stays in the dialog, its problems listed; nothing is written.
 */
export function CommentDialog(props: {
  open: boolean;
  title: string;
  children?: ReactNode;
  submitLabel: string;
  /** Save needs a comment; revert and import have a sensible default. */
  required: boolean;
  placeholder?: string;
  onSubmit: (comment: string) => Promise<void>;
  onClose: () => void;
}) {
  return (
    <TextPromptDialog
      {...props}
      label="Comment"
      hint={props.required ? 'What changed and why; it is kept in the history.' : 'Kept in the history.'}
      missingMessage="Add a comment saying what changed and why."
      renderError={(error) => <ProblemList error={error} />}
    />
  );
}
