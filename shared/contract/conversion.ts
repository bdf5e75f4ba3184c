import * as z from 'zod';
import { billerSchema } from '../domain/biller';
import {
  checklistItemSchema,
  checklistSchema,
  GO_LIVE_ACTIONS,
  itemChangeSchema,
  readinessSummarySchema,
} from '../domain/checklist';
import { pdfCheckSchema, sampleImageSchema, setupInputSchema, setupSchema } from '../domain/setup';
import { channel, noInput } from './define';

const billerId = z.string().min(1, 'Choose a biller.');

export const setupContract = {
  /** A biller's conversion setup items, its last PDF link check and its sample bill image. */
  get: channel(z.object({ billerId }), setupSchema, 'Read a biller’s conversion setup.'),
  /** Replaces the setup items; nothing is written when a field is wrong. */
  update: channel(z.object({ billerId, fields: setupInputSchema }), setupSchema, 'Save a biller’s conversion setup.'),
  /** Fetches a real bill's PDF through the link template and records what came back. */
  verifyPdfLink: channel(z.object({ billerId }), pdfCheckSchema, 'Check the PDF link template against a real bill.'),
  /** Stores the biller's sample bill image (PDF, PNG or JPEG, at most 10 MB) in the data directory. */
  importSampleImage: channel(
    z.object({
      billerId,
      fileName: z.string().min(1).max(260),
      dataBase64: z.string().max(14_000_000, 'The file is larger than 10 MB.'),
    }),
    sampleImageSchema,
    'Import the sample bill image.',
  ),
  /** The stored sample image, for the preview. */
  sampleImage: channel(
    z.object({ billerId }),
    z.object({ image: sampleImageSchema, dataBase64: z.string() }).nullable(),
    'Read the sample bill image.',
  ),
  /** Copies another biller's shareable setup (never secrets). */
  copyFrom: channel(z.object({ billerId, sourceBillerId: billerId }), setupSchema, 'Copy setup from another biller.'),
  /** The profile and setup as JSON, without secrets. */
  exportProfile: channel(
    z.object({ billerId }),
    z.object({ fileName: z.string(), json: z.string() }),
    'Export a biller profile without secrets.',
  ),
  /** Creates a biller from an exported profile; validated first, nothing written on error. */
  importProfile: channel(
    z.object({ json: z.string().max(2_000_000), name: z.string().trim().max(120).optional() }),
    z.object({ biller: billerSchema, notes: z.array(z.string()) }),
    'Import a biller profile.',
  ),
};

export const checklistContract = {
  /** A biller's conversion checklist with readiness per role and overall. */
  get: channel(z.object({ billerId }), checklistSchema, 'Read a biller’s conversion checklist.'),
  /** Readiness of every biller, for the biller list. */
  summary: channel(noInput, z.array(readinessSummarySchema), 'Readiness of every biller.'),
  /** Changes one item's status, owner, due date, notes or evidence (audited). */
  set: channel(itemChangeSchema, checklistItemSchema, 'Change a checklist item.'),
  /** The checklist as CSV. */
  exportCsv: channel(
    z.object({ billerId }),
    z.object({ fileName: z.string(), csv: z.string() }),
    'Export the checklist as CSV.',
  ),
  /**
   * A go-live step through the gate: switch posting to live, or turn on the schedules here (make
   * this installation the job host). Refused with GO_LIVE_BLOCKED while required items are open,
   * unless an override reason is given (written to the audit log). The sandbox biller is never gated.
   */
  goLive: channel(
    z.object({
      billerId,
      action: z.enum(GO_LIVE_ACTIONS),
      overrideReason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
    }),
    billerSchema,
    'Take a go-live step.',
  ),
};
