import { create } from 'zustand';
import type { MappingEditor, PreviewResult, SaveResult } from '../../shared/contract/mapping';
import type { MappingRow, MappingVersion, PreviewRow, Suggestion, ValidationIssue } from '../../shared/domain/mapping';
import { api } from '../app/api';
import { debounce } from '../app/use-event';
import { acceptSuggestions, draftFrom, patchRow, sameMapping, type RowPatch } from './draft-rows';

export interface PreviewState {
  running: boolean;
  error: string | null;
  result: PreviewResult | null;
  /** What was asked, in words: "10 sample accounts" or "accounts 1001, 1002". */
  asked: string | null;
}

/**
 * The account the field table's Sample column shows: read when the screen opens and read again
 * (debounced) after each edit, so the column never silently shows values of an older draft.
 */
export interface SampleState {
  /** The sample account as the draft mapped it when it was last read; null before the first read. */
  row: PreviewRow | null;
  /** An edit is waiting for (or getting) a fresh sample: the values shown predate it. */
  updating: boolean;
  /** Why the last read failed (InHANCE unreachable, a secret not stored); editing goes on regardless. */
  error: string | null;
}

interface MappingState {
  billerId: string | null;
  editor: MappingEditor | null;
  history: MappingVersion[];
  loadError: string | null;
  /** One row per target: what the PM is editing. */
  draft: MappingRow[];
  /** The version the draft started from; main refuses a save over a newer one. */
  baseVersion: number;
  dirty: boolean;
  /** Validation of the draft as main last answered; stale while `checking`. */
  issues: ValidationIssue[];
  canSave: boolean;
  checking: boolean;
  suggestions: Suggestion[];
  /** A version saved elsewhere (another PM, the CLI) while this draft had unsaved changes. */
  newerVersion: number | null;
  preview: PreviewState;
  sample: SampleState;
  open(billerId: string | null): Promise<void>;
  reload(): Promise<void>;
  edit(target: string, patch: RowPatch): void;
  accept(suggestions: readonly Suggestion[]): void;
  discard(): void;
  save(comment: string): Promise<SaveResult>;
  revert(version: number, comment: string): Promise<SaveResult>;
  importFile(json: string, comment: string): Promise<SaveResult>;
  /** Confirms `version`, the one the PM was shown; main refuses it if another version is active now. */
  confirm(version: number): Promise<void>;
  runPreview(request: { sample: number } | { accountNumbers: string[] }): Promise<void>;
}

const NO_PREVIEW: PreviewState = { running: false, error: null, result: null, asked: null };
const NO_SAMPLE: SampleState = { row: null, updating: false, error: null };
/** Long enough that typing in a picker asks InHANCE once, short enough to follow each choice. */
const SAMPLE_DEBOUNCE_MS = 400;

/** The row a preview result offers for the Sample column: the first that maps cleanly, else the first. */
function sampleRowOf(result: PreviewResult): PreviewRow | null {
  return result.rows.find((r) => r.rejected === null) ?? result.rows[0] ?? null;
}

/** Answers that arrive after the PM moved on (another biller, a newer edit) are dropped. */
let loadSeq = 0;
let checkSeq = 0;
let previewSeq = 0;
let sampleSeq = 0;

export const useMapping = create<MappingState>((set, get) => {
  const check = async () => {
    const { billerId, draft } = get();
    if (!billerId) return;
    const seq = ++checkSeq;
    try {
      const [validation, suggested] = await Promise.all([
        api.mapping.validate({ billerId, rows: draft }),
        api.mapping.suggest({ billerId, rows: draft }),
      ]);
      if (seq !== checkSeq) return;
      set({
        issues: validation.issues,
        canSave: validation.canSave,
        suggestions: suggested.suggestions,
        checking: false,
      });
    } catch (error) {
      if (seq !== checkSeq) return;
      set({
        checking: false,
        canSave: false,
        issues: [
          { severity: 'error', target: '', message: `The mapping could not be checked: ${(error as Error).message}` },
        ],
      });
    }
  };
  const checkSoon = debounce(() => void check(), 250);

  /** Fields a preview found on the records: the source pickers offer them from now on. */
  const takeSourceFields = (result: PreviewResult) => {
    const editor = get().editor;
    if (!editor) return;
    const known = editor.sourceFields.map((f) => `${f.path}:${f.type}`).join('|');
    if (result.sourceFields.map((f) => `${f.path}:${f.type}`).join('|') !== known)
      set({ editor: { ...editor, sourceFields: result.sourceFields } });
  };

  /** Maps the sample account (the same one again, or one InHANCE picks) with the draft as it is now. */
  const readSample = async () => {
    const { billerId, draft, sample } = get();
    if (!billerId) return;
    const seq = ++sampleSeq;
    set({ sample: { ...sample, updating: true } });
    const account = sample.row?.accountNumber;
    try {
      let result = await api.mapping.preview(
        account ? { billerId, rows: draft, accountNumbers: [account] } : { billerId, rows: draft, sample: 1 },
      );
      // The account is gone from InHANCE (or never was): let InHANCE pick another.
      if (account && result.rows.length === 0) result = await api.mapping.preview({ billerId, rows: draft, sample: 1 });
      if (seq !== sampleSeq) return;
      set({ sample: { row: sampleRowOf(result), updating: false, error: null } });
      takeSourceFields(result);
    } catch (error) {
      if (seq !== sampleSeq) return;
      set({ sample: { ...get().sample, updating: false, error: (error as Error).message } });
    }
  };
  const sampleSoon = debounce(() => void readSample(), SAMPLE_DEBOUNCE_MS);

  /** The draft changed: the Sample column says it is updating until the new values are in. */
  const refreshSampleSoon = () => {
    sampleSeq++; // an answer already on its way maps the older draft
    set({ sample: { ...get().sample, updating: true } });
    sampleSoon();
  };

  /** The draft changed: mark it unchecked until main has validated it again. */
  const setDraft = (draft: MappingRow[]) => {
    const { editor } = get();
    const dirty = editor ? !sameMapping(draft, editor.active.rows, editor.targets) : false;
    set({ draft, dirty, checking: true });
    checkSoon();
    refreshSampleSoon();
  };

  /** Takes what main holds now; keeps unsaved edits rather than overwrite them. */
  const adopt = (editor: MappingEditor, history: MappingVersion[], force: boolean) => {
    const { dirty, baseVersion, draft: before, sample } = get();
    if (dirty && !force) {
      set({ editor, history, newerVersion: editor.active.version !== baseVersion ? editor.active.version : null });
      return;
    }
    const draft = draftFrom(editor.active.rows, editor.targets);
    set({
      editor,
      history,
      draft,
      baseVersion: editor.active.version,
      dirty: false,
      newerVersion: null,
      issues: editor.issues,
      canSave: !editor.issues.some((i) => i.severity === 'error'),
      checking: true,
    });
    void check();
    // First sight of this biller's mapping: read a sample at once. Later, only a changed draft needs one.
    if (!sample.row && !sample.updating && !sample.error) void readSample();
    else if (!sameMapping(before, draft, editor.targets)) refreshSampleSoon();
  };

  const fetchAll = async (billerId: string, force: boolean) => {
    const seq = ++loadSeq;
    try {
      const [editor, history] = await Promise.all([api.mapping.get({ billerId }), api.mapping.history({ billerId })]);
      if (seq !== loadSeq || get().billerId !== billerId) return;
      set({ loadError: null });
      adopt(editor, history, force);
    } catch (error) {
      if (seq !== loadSeq) return;
      set({ loadError: (error as Error).message });
    }
  };

  const afterWrite = async (result: SaveResult) => {
    const { billerId } = get();
    set({ dirty: false, newerVersion: null });
    if (billerId) await fetchAll(billerId, true);
    return result;
  };

  return {
    billerId: null,
    editor: null,
    history: [],
    loadError: null,
    draft: [],
    baseVersion: 0,
    dirty: false,
    issues: [],
    canSave: false,
    checking: false,
    suggestions: [],
    newerVersion: null,
    preview: NO_PREVIEW,
    sample: NO_SAMPLE,

    async open(billerId) {
      // Back on the screen for the same biller: keep unsaved edits, take whatever changed meanwhile.
      if (billerId === get().billerId && get().editor) return get().reload();
      sampleSeq++; // a sample on its way belongs to the biller left behind
      set({
        billerId,
        editor: null,
        history: [],
        draft: [],
        dirty: false,
        issues: [],
        suggestions: [],
        newerVersion: null,
        loadError: null,
        preview: NO_PREVIEW,
        sample: NO_SAMPLE,
      });
      if (billerId) await fetchAll(billerId, true);
    },
    async reload() {
      const { billerId } = get();
      if (billerId) await fetchAll(billerId, false);
    },
    edit(target, patch) {
      setDraft(patchRow(get().draft, target, patch));
    },
    accept(suggestions) {
      setDraft(acceptSuggestions(get().draft, suggestions));
    },
    discard() {
      const { editor, history } = get();
      if (editor) adopt(editor, history, true);
      void get().reload();
    },
    async save(comment) {
      const { billerId, draft, baseVersion } = get();
      if (!billerId) throw new Error('Choose a biller first.');
      return afterWrite(await api.mapping.save({ billerId, rows: draft, comment, baseVersion }));
    },
    async revert(version, comment) {
      const { billerId } = get();
      if (!billerId) throw new Error('Choose a biller first.');
      return afterWrite(await api.mapping.revert(comment ? { billerId, version, comment } : { billerId, version }));
    },
    async importFile(json, comment) {
      const { billerId } = get();
      if (!billerId) throw new Error('Choose a biller first.');
      return afterWrite(await api.mapping.import(comment ? { billerId, json, comment } : { billerId, json }));
    },
    async confirm(version) {
      const { billerId } = get();
      if (!billerId) return;
      try {
        await api.mapping.confirm({ billerId, version });
      } finally {
        // Refused or not, show what main holds now: after a CONFLICT, the version that is active.
        await fetchAll(billerId, false);
      }
    },
    async runPreview(request) {
      const { billerId, draft } = get();
      if (!billerId) return;
      const seq = ++previewSeq;
      const asked =
        'sample' in request
          ? `${request.sample} sample account${request.sample === 1 ? '' : 's'}`
          : `account${request.accountNumbers.length === 1 ? '' : 's'} ${request.accountNumbers.join(', ')}`;
      set({ preview: { running: true, error: null, result: get().preview.result, asked } });
      try {
        const result = await api.mapping.preview({ billerId, rows: draft, ...request });
        if (seq !== previewSeq) return;
        set({ preview: { running: false, error: null, result, asked } });
        takeSourceFields(result);
        // The first previewed account fills the Sample column, unless the draft changed meanwhile.
        const row = sampleRowOf(result);
        if (row && sameMapping(draft, get().draft, get().editor?.targets ?? [])) {
          sampleSeq++;
          set({ sample: { row, updating: false, error: null } });
        }
      } catch (error) {
        if (seq !== previewSeq) return;
        set({ preview: { running: false, error: (error as Error).message, result: null, asked } });
      }
    },
  };
});
