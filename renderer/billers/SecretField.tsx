import { Badge, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { SECRET_LABELS, type SecretName } from '../../shared/domain/biller';
import { api } from '../app/api';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  input: { minWidth: '260px', flexGrow: 1 },
});

/**
 * A secret is written to the keychain and never read back: the field shows only whether one is
 * stored. The typed value is cleared as soon as it is stored.
 */
export function SecretField(props: { billerId: string; name: SecretName; stored: boolean | null }) {
  const styles = useStyles();
  const label = SECRET_LABELS[props.name];
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const stateWord = props.stored === null ? 'Unknown' : props.stored ? 'Stored' : 'Not stored';

  const store = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.secrets.set({ billerId: props.billerId, name: props.name, value });
      setValue('');
      setDone(`${label} stored in the OS keychain.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.secrets.remove({ billerId: props.billerId, name: props.name });
      setDone(`${label} removed from the OS keychain.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Field
      label={label}
      validationState={error ? 'error' : done ? 'success' : 'none'}
      validationMessage={error ?? done ?? undefined}
      hint={
        props.stored === null
          ? 'The OS keychain cannot be reached, so it is not known whether a value is stored.'
          : props.stored
            ? 'A value is stored. Type a new one to replace it.'
            : 'Not stored yet.'
      }
    >
      <div className={styles.row}>
        <Input
          className={styles.input}
          type="password"
          autoComplete="off"
          value={value}
          aria-label={`${label} (write only)`}
          onChange={(_, d) => setValue(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && value) {
              e.preventDefault();
              void store();
            }
          }}
        />
        <Badge
          appearance="tint"
          color={props.stored ? 'success' : 'warning'}
          aria-label={`${label}: ${stateWord.toLowerCase()}`}
        >
          {stateWord}
        </Badge>
        <Button appearance="primary" disabled={!value || busy} onClick={() => void store()}>
          {props.stored ? 'Replace' : 'Store'}
        </Button>
        {props.stored && (
          <Button disabled={busy} onClick={() => void remove()}>
            Remove
          </Button>
        )}
      </div>
    </Field>
  );
}
