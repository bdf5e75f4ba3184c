import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { formatCents } from '../../shared/domain/money';

/**
 * Focuses `ref` once a Fluent dialog has opened. Fluent puts focus on the first focusable element
 * (ignoring React's autoFocus on a button), so this runs after it, on the next frame.
 */
export function useFocusOnOpen<T extends HTMLElement>(open: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [open]);
  return ref;
}

/** "Post 5 payments totalling $412.50?": the last look before money lands on accounts. Enter confirms. */
export function ConfirmPostDialog(props: {
  open: boolean;
  count: number;
  cents: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const noun = props.count === 1 ? 'payment' : 'payments';
  const confirmRef = useFocusOnOpen<HTMLButtonElement>(props.open);
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface aria-describedby="confirm-post-body">
        <DialogBody>
          <DialogTitle>
            Post {props.count} {noun}?
          </DialogTitle>
          <DialogContent id="confirm-post-body">
            <Text block>
              {props.count} {noun} totalling <strong>{formatCents(props.cents)}</strong> will be posted to their
              accounts in InHANCE, as you.
            </Text>
            <Text block size={200}>
              An entry another clerk has posted meanwhile is not posted twice: it is reported with who posted it.
            </Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
            {/* Focused first, so Enter (the key that asked to post) confirms. */}
            <Button appearance="primary" ref={confirmRef} onClick={props.onConfirm}>
              Post {props.count} · {formatCents(props.cents)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
