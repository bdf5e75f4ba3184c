import {
  Badge,
  Button,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUndo20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { DiffEntry, MappingVersion } from '../../shared/domain/mapping';
import { api } from '../app/api';
import { PagedTable, type PagedColumn } from '../components/PagedTable';
import { CommentDialog, ProblemList } from './CommentDialog';
import { DiffTable } from './DiffTable';
import { downloadMapping } from './export-file';
import { KIND_LABELS, versionName, when } from './format';
import { useMapping } from './mapping.store';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Below this width the comment column would vanish (the others are fixed): the table scrolls sideways instead.
  table: { tableLayout: 'fixed', width: '100%', minWidth: '880px' },
  cell: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
  },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  pickers: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'end', flexWrap: 'wrap' },
  h3: { margin: `0 0 ${tokens.spacingVerticalS}` },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Every version, newest first; the diff between any two; revert (as a new version) and export. */
export function HistoryPanel({ timeZone }: { /** The biller's: times are written in it. */ timeZone: string }) {
  const styles = useStyles();
  const { billerId, history, editor, revert, dirty } = useMapping();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ from: number; to: number; changes: DiffEntry[] } | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  const [reverting, setReverting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);
  const restoreFocus = useRestoreFocusTarget();

  // A new version moves the comparison to "previous → active" unless the PM picked versions.
  const latest = history[0]?.version ?? 0;
  useEffect(() => {
    setTo(latest);
    setFrom(Math.max(0, latest - 1));
  }, [latest, billerId]);

  useEffect(() => {
    if (!billerId || from === null || to === null || from === to) {
      setDiff(null);
      return;
    }
    let live = true;
    setDiffError(null);
    api.mapping.diff({ billerId, from, to }).then(
      (d) => live && setDiff(d),
      (e: Error) => live && setDiffError(e.message),
    );
    return () => {
      live = false;
    };
  }, [billerId, from, to, latest]);

  if (!billerId || !editor) return null;
  const picker = (label: string, value: number | null, set: (v: number) => void) => (
    <Field label={label}>
      <Dropdown
        value={value === null ? '' : `Version ${value}`}
        selectedOptions={value === null ? [] : [String(value)]}
        onOptionSelect={(_, d) => set(Number(d.optionValue))}
      >
        {history.map((v) => (
          <Option key={v.version} value={String(v.version)} text={`Version ${v.version}`}>
            {`Version ${v.version}${v.active ? ' (active)' : ''}${v.version === 0 ? ' (standard)' : ''}`}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  const exportVersion = (version: number) => {
    setExportError(null);
    downloadMapping(billerId, version).then(
      (name) => setNotice(`Exported version ${version} as ${name}.`),
      (e: Error) => setExportError(e),
    );
  };
  // Widths exclude the cells' padding; the comment takes what is left.
  const columns: Array<PagedColumn<MappingVersion>> = [
    {
      id: 'version',
      header: 'Version',
      width: '72px',
      cellClassName: styles.cell,
      cell: (v) => <Text weight="semibold">{v.version}</Text>,
    },
    {
      id: 'kind',
      header: 'Kind',
      width: '110px',
      cellClassName: styles.cell,
      cell: (v) => (
        <>
          {KIND_LABELS[v.kind]}
          {v.revertedFrom !== null && ` to ${v.revertedFrom}`}
        </>
      ),
    },
    { id: 'comment', header: 'Comment', cellClassName: styles.cell, cell: (v) => v.comment },
    {
      id: 'saved',
      header: 'Saved by, when',
      width: '180px',
      cellClassName: styles.cell,
      cell: (v) => (
        <>
          <Text block>{v.authorName}</Text>
          <Text size={200} className={styles.muted}>
            {when(v.createdAt, timeZone)}
          </Text>
        </>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      width: '140px',
      cellClassName: styles.cell,
      cell: (v) => (
        <span className={styles.badges}>
          {v.active && (
            <Badge appearance="filled" color="brand">
              Active
            </Badge>
          )}
          {v.confirmation && (
            <Badge appearance="tint" color="success">
              Confirmed in CRM
            </Badge>
          )}
        </span>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '190px',
      cellClassName: styles.cell,
      cell: (v) => (
        <span className={styles.buttons}>
          {!v.active && (
            <Button
              {...restoreFocus}
              size="small"
              icon={<ArrowUndo20Regular />}
              aria-label={`Revert to version ${v.version}`}
              onClick={() => setReverting(v.version)}
            >
              Revert…
            </Button>
          )}
          <Button
            size="small"
            icon={<ArrowDownload20Regular />}
            aria-label={`Export version ${v.version}`}
            onClick={() => exportVersion(v.version)}
          >
            Export
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className={styles.stack}>
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {exportError && <ProblemList error={exportError} title="The export failed" />}
      <section aria-labelledby="mapping-versions">
        <Text as="h3" id="mapping-versions" size={400} weight="semibold" block className={styles.h3}>
          Versions
        </Text>
        <PagedTable
          label="Mapping versions"
          className={styles.table}
          scroll={{ kind: 'x' }}
          columns={columns}
          rows={history}
          rowKey={(v) => String(v.version)}
          rowProps={(v) => ({ 'data-version': v.version })}
        />
      </section>

      <section aria-labelledby="mapping-diff">
        <Text as="h3" id="mapping-diff" size={400} weight="semibold" block className={styles.h3}>
          Compare versions
        </Text>
        {history.length < 2 ? (
          <Text>Only the standard mapping exists so far: save a version to compare.</Text>
        ) : (
          <div className={styles.stack}>
            <div className={styles.pickers}>
              {picker('From version', from, setFrom)}
              {picker('To version', to, setTo)}
            </div>
            {from === to && <Text>Choose two different versions.</Text>}
            {diffError && (
              <MessageBar intent="error">
                <MessageBarBody>{diffError}</MessageBarBody>
              </MessageBar>
            )}
            {from !== to && !diff && !diffError && <Spinner size="tiny" label="Comparing…" labelPosition="after" />}
            {diff && from === diff.from && to === diff.to && (
              <DiffTable from={diff.from} to={diff.to} changes={diff.changes} sources={editor.sourceFields} />
            )}
          </div>
        )}
      </section>

      <CommentDialog
        open={reverting !== null}
        title={`Revert to version ${reverting ?? ''}`}
        submitLabel={`Revert to version ${reverting ?? ''}`}
        required={false}
        placeholder={
          reverting === null
            ? undefined
            : `Reverted to version ${reverting}${reverting === 0 ? ' (standard mapping)' : ''}.`
        }
        onClose={() => setReverting(null)}
        onSubmit={async (comment) => {
          if (reverting === null) return;
          const result = await revert(reverting, comment);
          setNotice(`Reverted to ${versionName(reverting)}: saved as version ${result.version.version}, now active.`);
          setReverting(null);
        }}
      >
        <Text>
          The fields of {reverting === null ? '' : versionName(reverting)} become a new version {latest + 1}, active
          from the jobs’ next run. Nothing in the history is removed.
          {dirty && ' Your unsaved changes on the Fields tab are discarded.'}
        </Text>
      </CommentDialog>
    </div>
  );
}
