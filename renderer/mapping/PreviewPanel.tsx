import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  SpinButton,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Eye20Regular, Play20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { parseAccountNumbers } from './draft-rows';
import { useMapping } from './mapping.store';
import { PreviewTable } from './PreviewTable';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  controls: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: tokens.spacingHorizontalXXL, alignItems: 'end' },
  group: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  numbers: { flexGrow: 1, maxWidth: '420px' },
  spin: { width: '96px' },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
});

const MAX = 50;

/**
 * The draft (saved or not) applied to real InHANCE accounts: N chosen by InHANCE, or the ones
 * the PM names. Read-only: a preview never writes anywhere.
 */
export function PreviewPanel() {
  const styles = useStyles();
  const { editor, draft, preview, runPreview } = useMapping();
  const [count, setCount] = useState(10);
  const [numbers, setNumbers] = useState('');
  if (!editor) return null;
  const typed = parseAccountNumbers(numbers);
  const tooMany = typed.length > MAX;
  const mapped = new Set(draft.filter((r) => r.source !== null).map((r) => r.target));
  const result = preview.result;
  // Columns follow the draft, plus whatever the preview filled (the draft may have changed since it ran).
  const columns = editor.targets.filter(
    (t) => mapped.has(t.key) || result?.rows.some((r) => r.values[t.key] !== undefined),
  );

  return (
    <div className={styles.stack}>
      <Text className={styles.intro}>
        See what the Invoice File and Customer jobs would write with the mapping as it is on screen, saved or not.
        Accounts come from InHANCE Impresa; nothing is written anywhere.
      </Text>
      <div className={styles.controls}>
        <form
          className={styles.group}
          aria-label="Preview sample accounts"
          onSubmit={(e) => {
            e.preventDefault();
            void runPreview({ sample: count });
          }}
        >
          <Field label="Number of sample accounts">
            <SpinButton
              className={styles.spin}
              value={count}
              min={1}
              max={MAX}
              onChange={(_, d) => {
                const v = d.value ?? Number.parseInt(d.displayValue ?? '', 10);
                if (Number.isFinite(v)) setCount(Math.min(MAX, Math.max(1, Math.round(v as number))));
              }}
            />
          </Field>
          <Button type="submit" icon={<Play20Regular />} disabled={preview.running}>
            Preview {count} sample account{count === 1 ? '' : 's'}
          </Button>
        </form>
        <form
          className={styles.group}
          aria-label="Preview chosen accounts"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.length > 0 && !tooMany) void runPreview({ accountNumbers: typed });
          }}
        >
          <Field
            label="Account numbers"
            className={styles.numbers}
            hint={tooMany ? undefined : 'Separate them with commas or spaces.'}
            validationMessage={tooMany ? `Preview at most ${MAX} accounts at a time.` : undefined}
          >
            <Input value={numbers} onChange={(_, d) => setNumbers(d.value)} placeholder="e.g. 0000046-03, 0001701-00" />
          </Field>
          <Button
            type="submit"
            icon={<Eye20Regular />}
            disabledFocusable={preview.running || typed.length === 0 || tooMany}
          >
            Preview these accounts
          </Button>
        </form>
      </div>

      <div aria-live="polite">
        {preview.running && (
          <Spinner size="small" label={`Reading ${preview.asked} from InHANCE…`} labelPosition="after" />
        )}
        {preview.error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The preview could not read {preview.asked}</MessageBarTitle>
              <span>{preview.error}</span>
            </MessageBarBody>
          </MessageBar>
        )}
        {result && !preview.running && (
          <MessageBar
            intent={result.rejected > 0 || result.notFound.length > 0 ? 'warning' : 'success'}
            layout="multiline"
          >
            <MessageBarBody>
              <MessageBarTitle>
                {result.rows.length} account{result.rows.length === 1 ? '' : 's'} mapped, {result.rejected} would be
                rejected
              </MessageBarTitle>
              {result.notFound.length > 0 && ` InHANCE has no account ${result.notFound.join(', ')}.`}
              {result.rejected > 0 &&
                ' A job counts and lists every rejected row in its run; none is dropped silently.'}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {result && result.rows.length > 0 && <PreviewTable rows={result.rows} columns={columns} />}
      {!result && !preview.running && !preview.error && (
        <Text className={styles.intro}>
          No preview yet. The first previewed account also fills the Sample column of the field table.
        </Text>
      )}
    </div>
  );
}
