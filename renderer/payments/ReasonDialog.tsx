import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatCents } from '../../shared/domain/money';

/** Asks why entries are held (optional) or rejected (required), for InHANCE and the audit log. */
export function ReasonDialog(props: {
  open: boolean;
  action: 'hold' | 'reject';
  count: number;
  cents: number;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      setReason('');
      setError(null);
    }
  }, [props.open]);
  const verb = props.action === 'hold' ? 'Hold' : 'Reject';
  const noun = props.count === 1 ? 'payment' : 'payments';
  const submit = () => {
    const text = reason.trim();
    if (props.action === 'reject' && text === '') return setError('Say why the payments are rejected.');
    if (text.length > 500) return setError('Keep the reason under 500 characters.');
    props.onConfirm(text);
  };
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>
              {verb} {props.count} {noun}?
            </DialogTitle>
            <DialogContent>
              <Text block style={{ marginBottom: 12 }}>
                {props.count} {noun} totalling {formatCents(props.cents)}.{' '}
                {props.action === 'hold'
                  ? 'Held payments wait under Held until you post them or undo the hold.'
                  : 'Rejected payments are not posted; undo puts them back in the queue.'}
              </Text>
              <Field
                label={props.action === 'hold' ? 'Reason (optional)' : 'Reason'}
                required={props.action === 'reject'}
                validationMessage={error ?? undefined}
              >
                <Input autoFocus value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onCancel}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit">
                {verb} {props.count}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
