import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { api } from '../app/api';
import { useMode } from './mode.store';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalM,
  },
});

/** The mode badge and its switch, at the foot of the navigation. */
export function ModeSwitch() {
  const styles = useStyles();
  const { state, set } = useMode();
  const [open, setOpen] = useState(false);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!state?.mode) return null;
  const toPm = state.mode === 'clerk';
  const needsNew = !toPm && !state.passphraseSet;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      set(await api.mode.switch({ mode: toPm ? 'pm' : 'clerk', ...(pass ? { passphrase: pass } : {}) }));
      setOpen(false);
      setPass('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
      void useMode.getState().refresh();
    }
  };

  return (
    <div className={styles.box}>
      <Badge appearance="tint" color={toPm ? 'informative' : 'brand'}>
        {toPm ? 'Clerk mode' : 'Project manager mode'}
      </Badge>
      <Button size="small" appearance="subtle" onClick={() => setOpen(true)}>
        {toPm ? 'Switch to PM mode…' : 'Switch to clerk mode…'}
      </Button>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogSurface>
          <form onSubmit={(e) => void submit(e)}>
            <DialogBody>
              <DialogTitle>{toPm ? 'Switch to project manager mode' : 'Switch to clerk mode'}</DialogTitle>
              <DialogContent>
                <Text block>
                  {toPm
                    ? 'Project manager mode shows biller setup, credentials, the mapping, the checklist and schedules. Enter the PM passphrase.'
                    : 'Clerk mode shows the posting queue, the job dashboard (read only) and the daily report; everything else is hidden and refused.'}
                </Text>
                {(toPm || needsNew) && (
                  <Field
                    label={needsNew ? 'New PM passphrase (at least 8 characters)' : 'PM passphrase'}
                    required
                    style={{ marginTop: tokens.spacingVerticalM }}
                  >
                    <Input
                      type="password"
                      value={pass}
                      onChange={(_, d) => setPass(d.value)}
                      autoComplete={needsNew ? 'new-password' : 'current-password'}
                    />
                  </Field>
                )}
                {error && (
                  <MessageBar intent="error" style={{ marginTop: tokens.spacingVerticalM }}>
                    <MessageBarBody>{error}</MessageBarBody>
                  </MessageBar>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit">
                  Switch
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
