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
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export interface PauseDialogProps {
  title: string;
  explanation: string;
  /** Pause-all needs a reason (it goes to the audit log); one job's pause may leave it out. */
  reasonRequired: boolean;
  confirmLabel: string;
  /** Resolves when main accepted; rejects with main's sentence, shown under the reason. */
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
}

/** Asks why before pausing, so whoever finds the jobs stopped knows when to resume them. */
export function PauseDialog(props: PauseDialogProps) {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (props.reasonRequired && !reason.trim()) {
      setError('Say why the jobs are paused, so others know when to resume them.');
      return;
    }
    setBusy(true);
    try {
      await props.onConfirm(reason.trim());
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
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
              <Text>{props.explanation}</Text>
              <Field
                label={props.reasonRequired ? 'Reason' : 'Reason (optional)'}
                required={props.reasonRequired}
                validationMessage={error ?? undefined}
                validationState={error ? 'error' : 'none'}
                hint="Kept in the audit log and shown on the dashboard."
              >
                <Textarea
                  value={reason}
                  maxLength={500}
                  onChange={(_, d) => {
                    setReason(d.value);
                    setError(null);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>Cancel</Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                {props.confirmLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
