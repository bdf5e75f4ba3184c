import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { problemsOf } from './format';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
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
 * The dialog traps focus and closes on Escape; an error from main stays in it, nothing is written.
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
  const styles = useStyles();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (props.open) {
      setComment('');
      setMissing(false);
      setError(null);
      setBusy(false);
    }
  }, [props.open]);

  const submit = async () => {
    if (props.required && !comment.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(comment.trim());
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && !busy && props.onClose()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {props.children}
              <Field
                label="Comment"
                required={props.required}
                hint={props.required ? 'What changed and why; it is kept in the history.' : 'Optional; kept in the history.'}
                validationMessage={missing ? 'Add a comment saying what changed and why.' : undefined}
              >
                <Textarea value={comment} placeholder={props.placeholder} onChange={(_, d) => setComment(d.value)} resize="vertical" maxLength={500} />
              </Field>
              {error && <ProblemList error={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose} disabledFocusable={busy}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {props.submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
