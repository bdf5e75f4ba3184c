import * as z from 'zod';
import {
  confirmationStatusSchema,
  diffEntrySchema,
  icFieldSchema,
  mappingRowSchema,
  mappingVersionSchema,
  previewRowSchema,
  sourceFieldSchema,
  suggestionSchema,
  validationIssueSchema,
} from '../domain/mapping';
import { channel } from './define';

const billerId = z.string().min(1, 'Choose a biller.');
const byBiller = z.object({ billerId });
const rows = z.array(mappingRowSchema).max(200, 'A mapping has at most 200 rows.');
const versionNumber = z.number().int().nonnegative('Versions are numbered from 0 (the standard mapping).');
const comment = z.string().trim().max(500, 'Keep the comment under 500 characters.');

export const saveResultSchema = z.object({
  version: mappingVersionSchema,
  /** Warnings that did not block the save. */
  warnings: z.array(validationIssueSchema),
});
export type SaveResult = z.output<typeof saveResultSchema>;

export const mappingEditorSchema = z.object({
  /** The version the jobs use now (version 0 = the built-in standard mapping, before any save). */
  active: mappingVersionSchema,
  /** InvoiceCloud target fields with types and required flags (assumed where IC publishes none). */
  targets: z.array(icFieldSchema),
  /** What a row can map from: the InHANCE catalog plus fields discovered on this biller's records. */
  sourceFields: z.array(sourceFieldSchema),
  /** Validation of the active version. */
  issues: z.array(validationIssueSchema),
  confirmation: confirmationStatusSchema,
});
export type MappingEditor = z.output<typeof mappingEditorSchema>;

export const previewResultSchema = z.object({
  rows: z.array(previewRowSchema),
  /** How many of `rows` a job would reject. */
  rejected: z.number().int(),
  /** Account numbers asked for that InHANCE does not have. */
  notFound: z.array(z.string()),
  sourceFields: z.array(sourceFieldSchema),
});
export type PreviewResult = z.output<typeof previewResultSchema>;

export const mappingContract = {
  /** The active mapping with everything the editor needs: targets, source fields, its validation, confirmation. */
  get: channel(
    byBiller,
    mappingEditorSchema,
    'Read the active CRM field mapping of a biller, with the field catalogs.',
  ),
  /** Checks rows without saving: errors block a save, warnings do not. */
  validate: channel(
    z.object({ billerId, rows }),
    z.object({ issues: z.array(validationIssueSchema), canSave: z.boolean() }),
    'Validate mapping rows without saving them.',
  ),
  /** Saves rows as the next version (INVALID_INPUT lists the errors; CONFLICT if someone saved meanwhile). */
  save: channel(
    z.object({
      billerId,
      rows,
      comment: comment.min(1, 'Add a comment saying what changed and why.'),
      /** The version the editor started from; a newer save in between is refused. */
      baseVersion: versionNumber.optional(),
    }),
    saveResultSchema,
    'Save the mapping as a new version.',
  ),
  /** Every version, newest first, ending with the standard mapping (version 0). */
  history: channel(byBiller, z.array(mappingVersionSchema), 'List the versions of a biller’s mapping.'),
  /** Per target, what changed from one version to another. */
  diff: channel(
    z.object({ billerId, from: versionNumber, to: versionNumber }),
    z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(diffEntrySchema) }),
    'Compare two versions of a mapping.',
  ),
  /** Makes an older version active again, saved as a new version. */
  revert: channel(
    z.object({ billerId, version: versionNumber, comment: comment.optional() }),
    saveResultSchema,
    'Revert the mapping to an older version (as a new version).',
  ),
  /** A version (the active one by default) as a JSON file. */
  export: channel(
    z.object({ billerId, version: versionNumber.optional() }),
    z.object({ fileName: z.string(), json: z.string() }),
    'Export a mapping version as JSON.',
  ),
  /** Imports an exported JSON file as the next version; every problem is reported by row, nothing is written on error. */
  import: channel(
    z.object({
      billerId,
      json: z.string().max(1_000_000, 'The file is too large to be a mapping export.'),
      comment: comment.optional(),
    }),
    saveResultSchema,
    'Import a mapping from JSON as a new version.',
  ),
  /**
   * Records "Confirmed in CRM" for `version`, with who and when. `version` is the one the PM checked
   * (the one on screen); CONFLICT unless it is still the active version, so a save in between is
   * never confirmed unseen. Version 0 (the standard mapping) is saved as version 1 and confirmed.
   */
  confirm: channel(
    z.object({ billerId, version: versionNumber }),
    confirmationStatusSchema,
    'Mark the active mapping version as confirmed in CRM.',
  ),
  /** Suggestions by name for unmapped targets. Never applied: the editor lets the PM accept them. */
  suggest: channel(
    z.object({ billerId, rows }),
    z.object({ suggestions: z.array(suggestionSchema) }),
    'Suggest sources for unmapped targets by name.',
  ),
  /** The rows as a job would write them for sample InHANCE accounts (chosen, or N picked by InHANCE), with rejections. */
  preview: channel(
    z.object({
      billerId,
      rows,
      accountNumbers: z.array(z.string().trim().min(1)).max(50, 'Preview at most 50 accounts at a time.').optional(),
      sample: z.number().int().min(1).max(50, 'Preview at most 50 accounts at a time.').optional(),
    }),
    previewResultSchema,
    'Preview the mapped output for sample accounts.',
  ),
};
