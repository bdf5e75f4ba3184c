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
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export interface TextPromptDialogProps {
  open: boolean;
  title: string;
  /** What the action does, above the field. */
  children?: ReactNode;
  submitLabel: string;
  /** The field: e.g. "Reason" or "Comment"; "(optional)" is added when not required. */
  label: string;
  required: boolean;
  hint?: string;
  placeholder?: string;
  /** Shown when a required text is left empty. */
  missingMessage: string;
  /** Rejects with main's error, which stays in the dialog: nothing was written. */
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
  /** How main's error is shown; a plain message bar by default. */
  renderError?: (error: Error) => ReactNode;
}

/**
 * One free-text answer before an action that is recorded (a pause's reason, a mapping version's
 * comment). Traps focus, closes on Escape, and keeps main's error in view.
 */
export function TextPromptDialog(props: TextPromptDialogProps) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (props.open) {
      setText('');
      setMissing(false);
      setError(null);
      setBusy(false);
    }
  }, [props.open]);

  const submit = async () => {
    if (props.required && !text.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(text.trim());
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
                label={props.required ? props.label : `${props.label} (optional)`}
                required={props.required}
                hint={props.hint}
                validationMessage={missing ? props.missingMessage : undefined}
              >
                <Textarea
                  value={text}
                  placeholder={props.placeholder}
                  onChange={(_, d) => {
                    setText(d.value);
                    setMissing(false);
                  }}
                  resize="vertical"
                  maxLength={500}
                />
              </Field>
              {error &&
                (props.renderError ? (
                  props.renderError(error)
                ) : (
                  <MessageBar intent="error">
                    <MessageBarBody>{error.message}</MessageBarBody>
                  </MessageBar>
                ))}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose} disabledFocusable={busy}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                type="submit"
                disabledFocusable={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                {props.submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
