import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ArrowReset20Regular, Save20Regular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { CommentDialog } from './CommentDialog';
import { FieldTable, type SampleValues } from './FieldTable';
import { useMapping } from './mapping.store';
import { SuggestionsList } from './SuggestionsList';
import { ValidationSummary } from './ValidationSummary';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  why: { color: tokens.colorNeutralForeground3 },
});

/** Why Save is not available, in one sentence; null when it is. */
function saveBlockedBecause(s: { dirty: boolean; checking: boolean; canSave: boolean; errors: number }): string | null {
  if (!s.dirty) return 'No unsaved changes.';
  if (s.checking) return 'Checking the mapping…';
  if (!s.canSave) return `Fix the ${s.errors === 1 ? 'error' : `${s.errors} errors`} listed below to save.`;
  return null;
}

/** The editing tab: save and discard, validation, suggestions and the field table. */
export function FieldsPanel() {
  const styles = useStyles();
  const m = useMapping();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const whyId = useId();
  // Closing the save dialog (Escape, Cancel or done) puts focus back on Save.
  const restoreFocus = useRestoreFocusTarget();
  const editor = m.editor;
  if (!editor) return null;

  const errors = m.issues.filter((i) => i.severity === 'error').length;
  const blocked = saveBlockedBecause({ dirty: m.dirty, checking: m.checking, canSave: m.canSave, errors });
  const sampleRow = m.sample.row;
  const sample: SampleValues | null = sampleRow
    ? {
        accountNumber: sampleRow.accountNumber,
        values: sampleRow.values,
        updating: m.sample.updating,
        error: m.sample.error,
      }
    : { accountNumber: null, values: {}, updating: m.sample.updating, error: m.sample.error };
  const next = Math.max(m.baseVersion, ...m.history.map((v) => v.version)) + 1;

  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <Button
          {...restoreFocus}
          appearance="primary"
          icon={<Save20Regular />}
          disabledFocusable={blocked !== null}
          aria-describedby={whyId}
          onClick={() => setSaving(true)}
        >
          Save…
        </Button>
        <Button icon={<ArrowReset20Regular />} disabledFocusable={!m.dirty} onClick={() => m.discard()}>
          Discard changes
        </Button>
        {m.dirty && (
          <Badge appearance="tint" color="warning">
            Unsaved changes
          </Badge>
        )}
        <Text id={whyId} size={200} className={styles.why}>
          {blocked ?? `Saving makes version ${next}, which the Invoice File and Customer jobs use from their next run.`}
        </Text>
      </div>
      {m.newerVersion !== null && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Version {m.newerVersion} was saved while you were editing. Your save would be refused; discard your changes
            to see it.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => m.discard()}>Discard and load version {m.newerVersion}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {saved && !m.dirty && (
        <MessageBar intent="success">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      <ValidationSummary issues={m.issues} checking={m.checking} />
      <SuggestionsList
        suggestions={m.suggestions}
        targets={editor.targets}
        sources={editor.sourceFields}
        onAccept={(s) => m.accept(s)}
      />
      {m.sample.error && !m.sample.updating && (
        <Text size={200} className={styles.why} role="status">
          The Sample column could not read an account from InHANCE: {m.sample.error} Editing and saving work as usual.
        </Text>
      )}
      <FieldTable
        targets={editor.targets}
        draft={m.draft}
        sources={editor.sourceFields}
        issues={m.issues}
        sample={sample}
        suggestions={m.suggestions}
        onAccept={(s) => m.accept(s)}
        onEdit={(t, p) => m.edit(t, p)}
      />
      <CommentDialog
        open={saving}
        title={`Save as version ${next}`}
        submitLabel={`Save version ${next}`}
        required
        placeholder="e.g. Phone now comes from the mobile number, per the biller's request."
        onClose={() => setSaving(false)}
        onSubmit={async (comment) => {
          const result = await m.save(comment);
          const warnings = result.warnings.length;
          setSaved(
            `Saved as version ${result.version.version}${warnings ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}. The jobs use it from their next run.`,
          );
          setSaving(false);
        }}
      >
        <Text>
          The Invoice File and Customer jobs use the new version from their next run; the current one stays in the
          history.
          {errors === 0 &&
            m.issues.length > 0 &&
            ` ${m.issues.length} warning${m.issues.length === 1 ? '' : 's'} will be kept with it.`}
        </Text>
      </CommentDialog>
    </div>
  );
}
