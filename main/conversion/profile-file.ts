import * as z from 'zod';
import { billerInputSchema, type Biller } from '../../shared/domain/biller';
import { PROFILE_FILE_FORMAT } from '../../shared/domain/setup';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ground/clock';
import type { BillersService } from '../billers/billers.service';
import { invalidInput } from '../ipc/router';
import type { Db } from '../store/database';
import { SetupService } from './setup.service';

/**
 * A biller profile as a file, for a PM to prepare a biller on a laptop and bring it to the job
 * host (docs/job-host.md): the profile's fields and the setup items, never a secret, never the
 * installation's own choices (job host). Version 1.
 */
const fileSchema = z
  .object({
    format: z.literal(PROFILE_FILE_FORMAT, {
      error: `This is not an Impresa Bridge biller profile (its "format" must be "${PROFILE_FILE_FORMAT}").`,
    }),
    version: z.literal(1, { error: 'This profile file is from a newer Impresa Bridge: its "version" must be 1.' }),
    exportedAt: z.string().optional(),
    biller: z.unknown(),
    setup: z.unknown().optional(),
  })
  .strict();

/** Words that must never be keys of a profile file: a file carrying one is refused, not cleaned. */
const SECRET_KEYS = /^(webServiceKey|web-service-key|impresaPassword|impresa-password|password|secrets?)$/i;

function findSecretKey(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findSecretKey(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (SECRET_KEYS.test(k)) return here;
      const found = findSecretKey(v, here);
      if (found) return found;
    }
  }
  return null;
}

export function exportProfile(
  billers: BillersService,
  setup: SetupService,
  clock: Clock,
  billerId: string,
): { fileName: string; json: string } {
  const p = billers.profile(billerId);
  const file = {
    format: PROFILE_FILE_FORMAT,
    version: 1,
    exportedAt: clock.now().toISOString(),
    biller: {
      name: p.name,
      timeZone: p.timeZone,
      billerGuid: p.billerGuid,
      invoiceTypeId: p.invoiceTypeId,
      invoiceFormatGuid: p.invoiceFormatGuid,
      icHost: p.icHost,
      impresaUrl: p.impresaUrl,
      impresaUser: p.impresaUser,
      postingMode: p.postingMode,
      livePostingUser: p.livePostingUser,
    },
    setup: setup.get(billerId).fields,
  };
  const safe = p.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'biller';
  return { fileName: `biller-${safe}.json`, json: `${JSON.stringify(file, null, 2)}\n` };
}

/**
 * Creates a biller from a profile file. Everything is checked before anything is written (JSON,
 * format, every field, the name free); the profile and its setup are written in one transaction.
 * Live posting is imported as pending: going live is the gate's decision on this installation.
 */
export function importProfile(
  deps: { db: Db; billers: BillersService; setup: SetupService },
  json: string,
  nameOverride?: string,
): { biller: Biller['id']; notes: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new AppError(
      'INVALID_INPUT',
      `The file is not valid JSON (${(error as Error).message}). Choose a file exported by "Export profile".`,
    );
  }
  const secretKey = findSecretKey(raw);
  if (secretKey)
    throw new AppError(
      'INVALID_INPUT',
      `The file contains "${secretKey}", which looks like a secret. Profile files never carry secrets: remove it and enter secrets on the Billers screen after the import.`,
    );
  const file = fileSchema.safeParse(raw);
  if (!file.success) throw invalidInput(file.error, 'The profile file');
  const billerRaw = { ...(file.data.biller as object), ...(nameOverride ? { name: nameOverride } : {}) };
  const biller = billerInputSchema.strict().safeParse(billerRaw);
  if (!biller.success) throw invalidInput(biller.error, 'The biller in the file', (f) => `biller.${f}`);
  const fields = SetupService.parseFields(file.data.setup);
  const notes: string[] = [];
  const wantedLive = biller.data.postingMode === 'live';
  const profileFields = { ...biller.data, isJobHost: false, postingMode: 'pending' as const };
  if (wantedLive)
    notes.push(
      'The file says live posting; the biller is imported with pending posting. Switch to live on the Conversion screen once its checklist allows.',
    );
  notes.push(
    'Secrets are not part of profile files: enter the web service key and the InHANCE password on the Billers screen.',
  );
  const id = deps.db.transaction(() => {
    const created = deps.billers.createProfile(profileFields);
    deps.setup.writeImported(created.id, fields);
    return created.id;
  })();
  return { biller: id, notes };
}
