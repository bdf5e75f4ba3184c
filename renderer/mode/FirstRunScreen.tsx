import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AppMode } from '../../shared/contract/mode';
import { api } from '../app/api';
import { useMode } from './mode.store';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingVerticalXXL,
  },
  card: {
    width: '640px',
    maxWidth: '100%',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  choice: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    marginBottom: tokens.spacingVerticalS,
  },
  help: { color: tokens.colorNeutralForeground2, paddingLeft: '32px' },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
});

const MODES: Array<{ mode: AppMode; label: string; help: string }> = [
  {
    mode: 'clerk',
    label: 'Clerk mode',
    help: 'For a utility workstation: the pending-payments queue, the job dashboard (read only) and the daily report. Setup, mapping, the checklist, credentials and schedules are hidden and refused.',
  },
  {
    mode: 'pm',
    label: 'Project manager mode',
    help: 'For an InvoiceCloud project manager’s laptop: everything, including biller setup, keys, the CRM mapping, the conversion checklist and the job schedules.',
  },
];

/** Shown once, before anything else: which mode this installation runs in, and the PM passphrase. */
export function FirstRunScreen() {
  const styles = useStyles();
  const setState = useMode((s) => s.set);
  const [mode, setMode] = useState<AppMode>('clerk');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passError = pass.length > 0 && pass.length < 8 ? 'At least 8 characters.' : undefined;
  const againError = again.length > 0 && again !== pass ? 'The two passphrases differ.' : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pass.length < 8 || again !== pass) {
      setError(
        pass.length < 8 ? 'Choose a PM passphrase of at least 8 characters.' : 'Type the same passphrase twice.',
      );
      return;
    }
    setBusy(true);
    try {
      setState(await api.mode.choose({ mode, passphrase: pass }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.page} aria-label="First run">
      <Card className={styles.card}>
        <form onSubmit={(e) => void submit(e)} aria-label="Choose how this installation is used">
          <Text as="h1" size={700} weight="semibold" block>
            Welcome to Impresa Bridge
          </Text>
          <Text block style={{ margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalL}` }}>
            Choose how this computer will be used. You can switch later; switching from clerk mode to project manager
            mode asks for the PM passphrase you set here.
          </Text>
          <Field label="Mode" required>
            <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as AppMode)}>
              {MODES.map((m) => (
                <div key={m.mode} className={styles.choice}>
                  <Radio value={m.mode} label={m.label} aria-describedby={`mode-help-${m.mode}`} />
                  <Text id={`mode-help-${m.mode}`} size={200} className={styles.help}>
                    {m.help}
                  </Text>
                </div>
              ))}
            </RadioGroup>
          </Field>
          <div className={styles.row}>
            <Field
              label="PM passphrase"
              required
              hint="Kept only as a salted hash in the OS keychain."
              validationMessage={passError}
            >
              <Input type="password" value={pass} onChange={(_, d) => setPass(d.value)} autoComplete="new-password" />
            </Field>
            <Field label="PM passphrase again" required validationMessage={againError}>
              <Input type="password" value={again} onChange={(_, d) => setAgain(d.value)} autoComplete="new-password" />
            </Field>
          </div>
          {error && (
            <MessageBar intent="error" style={{ marginTop: tokens.spacingVerticalM }}>
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          <Button appearance="primary" type="submit" disabled={busy} style={{ marginTop: tokens.spacingVerticalL }}>
            Start in {mode === 'pm' ? 'project manager' : 'clerk'} mode
          </Button>
        </form>
      </Card>
    </main>
  );
}
