import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from '@fluentui/react-components';
import { formatCents } from '../../shared/domain/money';

/** "Post 5 payments totalling $412.50?": the last look before money lands on accounts. Enter confirms. */
export function ConfirmPostDialog(props: { open: boolean; count: number; cents: number; onConfirm: () => void; onCancel: () => void }) {
  const noun = props.count === 1 ? 'payment' : 'payments';
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface aria-describedby="confirm-post-body">
        <DialogBody>
          <DialogTitle>
            Post {props.count} {noun}?
          </DialogTitle>
          <DialogContent id="confirm-post-body">
            <Text block>
              {props.count} {noun} totalling <strong>{formatCents(props.cents)}</strong> will be posted to their accounts in InHANCE, as you.
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
            <Button appearance="primary" autoFocus onClick={props.onConfirm}>
              Post {props.count} · {formatCents(props.cents)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
