import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ConfirmationStatus } from '../../shared/domain/mapping';
import { when } from './format';

const useStyles = makeStyles({
  box: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATE: Record<ConfirmationStatus['state'], { label: string; color: 'success' | 'warning' | 'informative' }> = {
  confirmed: { label: 'Confirmed in CRM', color: 'success' },
  outdated: { label: 'Confirmation outdated', color: 'warning' },
  'not-confirmed': { label: 'Not confirmed in CRM', color: 'informative' },
};

/**
 * "Confirmed in CRM": the PM checked in InvoiceCloud's CRM that the active version's fields arrive
 * where they should. The conversion checklist reads the status; a later save makes it outdated.
 */
export function ConfirmCrm(props: {
  status: ConfirmationStatus;
  dirty: boolean;
  /** The biller's: times are written in it. */ timeZone: string;
  onConfirm: (version: number) => Promise<void>;
}) {
  const styles = useStyles();
  // The version the dialog names, fixed when it opens: the PM confirms what they read, and main
  // refuses it if another version became active meanwhile.
  const [shown, setShown] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restoreFocus = useRestoreFocusTarget();
  const { status } = props;
  const latest = status.latest;
  const open = shown !== null;
  const setOpen = (next: boolean) => {
    setShown(next ? status.activeVersion : null);
    if (next) setError(null);
  };
  const version =
    shown === 0
      ? 'the standard mapping (saved as version 1 when you confirm)'
      : `version ${shown ?? status.activeVersion}`;

  const confirm = async () => {
    if (shown === null) return;
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm(shown);
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.box} role="group" aria-label="Confirmation in CRM">
      <Badge appearance="filled" color={STATE[status.state].color}>
        {STATE[status.state].label}
      </Badge>
      <Text size={200} className={styles.muted}>
        {latest
          ? `Version ${latest.version} confirmed by ${latest.confirmedByName}, ${when(latest.confirmedAt, props.timeZone)}.${
              status.state === 'outdated' ? ` The active version ${status.activeVersion} is not confirmed yet.` : ''
            }`
          : status.message}
      </Text>
      {status.state !== 'confirmed' && (
        <Button {...restoreFocus} size="small" icon={<ShieldCheckmark20Regular />} onClick={() => setOpen(true)}>
          Mark confirmed in CRM…
        </Button>
      )}
      <Dialog open={open} onOpenChange={(_, d) => !busy && setOpen(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Confirm {version} in CRM?</DialogTitle>
            <DialogContent>
              <Text block>
                Record that you checked in InvoiceCloud’s CRM that the fields of {version} arrive where they should. It
                is kept with your name and the time.
              </Text>
              {props.dirty && (
                <MessageBar intent="warning">
                  <MessageBarBody>
                    Your unsaved changes are not part of it: only the saved active version is confirmed.
                  </MessageBarBody>
                </MessageBar>
              )}
              {error && (
                <MessageBar intent="error">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setOpen(false)} disabledFocusable={busy}>
                Cancel
              </Button>
              <Button appearance="primary" onClick={() => void confirm()} disabledFocusable={busy}>
                Record confirmation
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
