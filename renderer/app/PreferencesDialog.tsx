import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowSync20Regular, Settings20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { DesktopPreferences, UpdateStatusDto } from '../../shared/contract/desktop';
import { saveFile } from '../components/save-file';
import { api } from './api';
import { RetentionSettings } from './RetentionSettings';
import { useEvent } from './use-event';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  trigger: { justifyContent: 'flex-start' },
});

function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** "Export diagnostics": the support zip, saved like every other download. */
export async function exportDiagnostics(): Promise<string> {
  const file = await api.desktop.exportDiagnostics();
  saveFile(file.fileName, base64Bytes(file.base64), file.mimeType);
  return file.fileName;
}

/** Theme, close to tray, start at login, the payments reminder; diagnostics and updates. */
export function PreferencesDialog() {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [prefs, setPrefs] = useState<DesktopPreferences | null>(null);
  const [update, setUpdate] = useState<UpdateStatusDto | null>(null);
  const [reminder, setReminder] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    setMessage(null);
    void api.desktop.preferences().then((p) => {
      setPrefs(p);
      setReminder(p.paymentsReminderAt ?? '');
    });
    void api.desktop.updateStatus().then(setUpdate);
  }, [open]);
  useEvent('desktop:update', setUpdate);

  const change = async (patch: Parameters<typeof api.desktop.setPreferences>[0]) => {
    try {
      setPrefs(await api.desktop.setPreferences(patch));
      setMessage(null);
    } catch (error) {
      setMessage({ intent: 'error', text: (error as Error).message });
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Settings20Regular />} className={styles.trigger}>
          Preferences
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Preferences</DialogTitle>
          <DialogContent>
            {!prefs ? (
              <Text>Loading…</Text>
            ) : (
              <div className={styles.form}>
                <Field label="Theme">
                  <RadioGroup
                    layout="horizontal"
                    value={prefs.theme}
                    onChange={(_, d) => void change({ theme: d.value as DesktopPreferences['theme'] })}
                  >
                    <Radio value="system" label="Same as the system" />
                    <Radio value="light" label="Light" />
                    <Radio value="dark" label="Dark" />
                  </RadioGroup>
                </Field>
                <Switch
                  checked={prefs.closeToTray}
                  onChange={(_, d) => void change({ closeToTray: d.checked })}
                  label="Keep running in the tray when the window is closed"
                />
                <Field
                  hint={
                    prefs.startAtLogin === null
                      ? 'Set in the desktop app: the browser host does not start with Windows.'
                      : 'Shown as Windows has it (Task Manager can turn it off).'
                  }
                >
                  <Switch
                    checked={prefs.startAtLogin ?? false}
                    disabled={prefs.startAtLogin === null}
                    onChange={(_, d) => void change({ startAtLogin: d.checked })}
                    label="Start at sign-in, hidden in the tray"
                  />
                </Field>
                <Field label="Remind me of waiting payments at (HH:MM, empty for never)" validationMessage={undefined}>
                  <div className={styles.row}>
                    <Input
                      value={reminder}
                      onChange={(_, d) => setReminder(d.value)}
                      placeholder="15:30"
                      aria-label="Reminder time"
                    />
                    <Button
                      onClick={() =>
                        void change({ paymentsReminderAt: reminder.trim() === '' ? null : reminder.trim() })
                      }
                    >
                      Save time
                    </Button>
                  </div>
                </Field>
                <div className={styles.row}>
                  <Button
                    icon={<ArrowDownload20Regular />}
                    onClick={() =>
                      void exportDiagnostics().then(
                        (name) =>
                          setMessage({
                            intent: 'success',
                            text: `Saved ${name}. Send it to support: it holds no passwords or keys.`,
                          }),
                        (e: unknown) => setMessage({ intent: 'error', text: (e as Error).message }),
                      )
                    }
                  >
                    Export diagnostics
                  </Button>
                  <Button
                    icon={<ArrowSync20Regular />}
                    disabled={update?.phase === 'disabled'}
                    onClick={() => void api.desktop.checkForUpdates().then(setUpdate)}
                  >
                    Check for updates
                  </Button>
                </div>
                <RetentionSettings />
                {update?.message && <Text size={200}>{update.message}</Text>}
                {message && (
                  <MessageBar intent={message.intent}>
                    <MessageBarBody>{message.text}</MessageBarBody>
                  </MessageBar>
                )}
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
