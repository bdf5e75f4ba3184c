import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUpload20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { CommentDialog, ProblemList } from './CommentDialog';
import { downloadMapping } from './export-file';
import { useMapping } from './mapping.store';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const MAX_BYTES = 1_000_000;

/**
 * Export the active version as JSON, or import one (validated by main; on any problem nothing is
 * written and the problems are listed by row, in words).
 */
export function ImportExport(props: { onNotice: (text: string | null) => void }) {
  const styles = useStyles();
  const { billerId, dirty, importFile } = useMapping();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; json: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const restoreFocus = useRestoreFocusTarget();

  const pick = async (f: File | undefined) => {
    if (input.current) input.current.value = ''; // the same file can be chosen again after a fix
    if (!f) return;
    setError(null);
    if (f.size > MAX_BYTES) {
      setError(new Error(`${f.name} is ${Math.round(f.size / 1024)} KB: too large to be a mapping export.`));
      return;
    }
    setFile({ name: f.name, json: await f.text() });
  };

  if (!billerId) return null;
  return (
    <>
      <div className={styles.row}>
        <Button
          icon={<ArrowDownload20Regular />}
          onClick={() => {
            setError(null);
            downloadMapping(billerId).then(
              (name) => props.onNotice(`Exported the active version as ${name}.`),
              (e: Error) => setError(e),
            );
          }}
        >
          Export JSON
        </Button>
        <Button {...restoreFocus} icon={<ArrowUpload20Regular />} onClick={() => input.current?.click()}>
          Import JSON…
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Mapping file to import"
          data-testid="mapping-import-file"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </div>
      {error && !file && <ProblemList error={error} />}
      <CommentDialog
        open={file !== null}
        title={`Import ${file?.name ?? ''}`}
        submitLabel="Import"
        required={false}
        placeholder="Imported from a mapping file."
        onClose={() => setFile(null)}
        onSubmit={async (comment) => {
          if (!file) return;
          const result = await importFile(file.json, comment);
          props.onNotice(`Imported ${file.name} as version ${result.version.version}, now active.`);
          setFile(null);
        }}
      >
        <Text block>
          The file is checked first: if anything in it is wrong, nothing is imported and every problem is listed here.
          If it is right, its fields become a new active version.
        </Text>
        {dirty && (
          <MessageBar intent="warning">
            <MessageBarBody>Your unsaved changes on the Fields tab are discarded by the import.</MessageBarBody>
          </MessageBar>
        )}
      </CommentDialog>
    </>
  );
}
