import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as z from 'zod';
import {
  pdfCheckSchema,
  sampleImageSchema,
  setupInputSchema,
  type PdfCheck,
  type SampleImage,
  type Setup,
  type SetupFields,
  type SetupInput,
} from '../../shared/domain/setup';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { BillersService } from '../billers/billers.service';
import type { ClientFactory } from '../clients/client-factory';
import { invalidInput, type EventBus } from '../ipc/router';
import type { Db } from '../store/database';

interface SetupRow {
  fields: string;
  pdf_check: string | null;
  sample_image: string | null;
  updated_at: string;
}

/** Largest sample bill image accepted (a bill PDF or scan is well under this). */
export const MAX_SAMPLE_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_PDF_CHECK_BYTES = 20 * 1024 * 1024;

/** What the file's first bytes say it is; the name's extension is not trusted. */
export function sniffImageType(data: Buffer): SampleImage['mimeType'] | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

const EXT: Record<SampleImage['mimeType'], string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export function fillLinkTemplate(template: string, bill: { invoiceNumber: string; accountNumber: string }): string {
  return template
    .replaceAll('{billNumber}', encodeURIComponent(bill.invoiceNumber))
    .replaceAll('{accountNumber}', encodeURIComponent(bill.accountNumber));
}

/** A biller's conversion setup items (SQLite), its sample bill image (data directory) and its PDF link check. */
export class SetupService {
  constructor(
    private readonly deps: {
      db: Db;
      dataDir: string;
      billers: BillersService;
      clients: ClientFactory;
      audit: AuditLog;
      events: EventBus;
      clock: Clock;
    },
  ) {}

  private row(billerId: string): SetupRow | undefined {
    return this.deps.db
      .prepare('SELECT fields, pdf_check, sample_image, updated_at FROM biller_setup WHERE biller_id = ?')
      .get(billerId) as SetupRow | undefined;
  }

  get(billerId: string): Setup {
    this.deps.billers.profile(billerId);
    const row = this.row(billerId);
    const parsedFields = row ? setupInputSchema.safeParse(JSON.parse(row.fields)) : null;
    const fields = withContactIds(
      parsedFields?.success ? parsedFields.data : setupInputSchema.parse({}),
      stableContactId,
    );
    const pdfCheck = row?.pdf_check ? pdfCheckSchema.safeParse(JSON.parse(row.pdf_check)) : null;
    const image = row?.sample_image ? sampleImageSchema.safeParse(JSON.parse(row.sample_image)) : null;
    const check = pdfCheck?.success ? pdfCheck.data : null;
    return {
      billerId,
      fields,
      // A check only counts while a template is set; changing the template clears it (see update).
      pdfCheck: check && fields.billImages.pdfLinkTemplate ? check : null,
      sampleImage: image?.success && fs.existsSync(this.imagePath(billerId, image.data.mimeType)) ? image.data : null,
      updatedAt: row?.updated_at ?? null,
    };
  }

  /** Validates and stores the whole setup; nothing is written when a field is wrong. */
  update(
    billerId: string,
    input: SetupInput,
    audit: { action: string; note?: string } = { action: 'setup.update' },
  ): Setup {
    this.deps.billers.profile(billerId);
    const parsed = setupInputSchema.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error, 'The setup');
    const fields = withContactIds(parsed.data, () => randomUUID());
    const before = this.get(billerId);
    this.write(billerId, fields, {
      // A changed template makes the old check meaningless.
      pdfCheck: before.fields.billImages.pdfLinkTemplate === fields.billImages.pdfLinkTemplate ? before.pdfCheck : null,
    });
    const change = this.describeChange(before.fields, fields);
    this.deps.audit.record(audit.action, {
      billerId,
      subject: 'setup',
      detail: audit.note ? `${audit.note}; ${change}` : change,
    });
    this.changed(billerId);
    return this.get(billerId);
  }

  private write(
    billerId: string,
    fields: SetupFields,
    extra: { pdfCheck?: PdfCheck | null; sampleImage?: SampleImage | null },
  ): void {
    const row = this.row(billerId);
    const pdf =
      extra.pdfCheck === undefined ? (row?.pdf_check ?? null) : extra.pdfCheck ? JSON.stringify(extra.pdfCheck) : null;
    const image =
      extra.sampleImage === undefined
        ? (row?.sample_image ?? null)
        : extra.sampleImage
          ? JSON.stringify(extra.sampleImage)
          : null;
    this.deps.db
      .prepare(
        `INSERT INTO biller_setup (biller_id, fields, pdf_check, sample_image, updated_at) VALUES (@billerId, @fields, @pdf, @image, @now)
         ON CONFLICT (biller_id) DO UPDATE SET fields = @fields, pdf_check = @pdf, sample_image = @image, updated_at = @now`,
      )
      .run({ billerId, fields: JSON.stringify(fields), pdf, image, now: this.deps.clock.now().toISOString() });
  }

  private describeChange(a: SetupFields, b: SetupFields): string {
    const changed = (Object.keys(b) as Array<keyof SetupFields>).filter(
      (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
    );
    return changed.length ? `changed: ${changed.join(', ')}` : 'no change';
  }

  private changed(billerId: string): void {
    this.deps.events.emit('setup:changed', { billerId });
  }

  /**
   * Fetches a real bill's PDF through the link template: the first bill InHANCE lists for the
   * biller, its number and account filled in. Passes when the link answers 200 with a PDF.
   */
  async verifyPdfLink(billerId: string): Promise<PdfCheck> {
    const setup = this.get(billerId);
    const template = setup.fields.billImages.pdfLinkTemplate;
    if (!template)
      throw new AppError(
        'INVALID_INPUT',
        'Save a PDF link template first (for example https://bills.example.gov/{billNumber}.pdf).',
        { fields: { pdfLinkTemplate: 'Enter a link template.' } },
      );
    const impresa = await this.deps.clients.impresa(billerId);
    const page = await impresa.listBillsSince({ cursor: 0, limit: 1 });
    const bill = page.items[0];
    if (!bill)
      throw new AppError(
        'NOT_FOUND',
        'InHANCE has no bill for this biller yet, so the link cannot be checked against a real one. Try again once a bill is issued.',
      );
    const url = fillLinkTemplate(template, bill);
    const base = {
      url,
      billNumber: bill.invoiceNumber,
      at: this.deps.clock.now().toISOString(),
      by: this.deps.audit.currentActor.name,
    };
    let check: PdfCheck;
    try {
      const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(20_000) });
      const contentType = res.headers.get('content-type');
      const body = Buffer.from(await res.arrayBuffer()).subarray(0, MAX_PDF_CHECK_BYTES);
      const isPdf = body.subarray(0, 5).toString('latin1') === '%PDF-' && /application\/pdf/i.test(contentType ?? '');
      const ok = res.status === 200 && isPdf && body.length > 0;
      check = {
        ...base,
        ok,
        status: res.status,
        contentType,
        bytes: body.length,
        message: ok
          ? `The link answered with a PDF (${body.length} bytes) for bill ${bill.invoiceNumber}.`
          : res.status !== 200
            ? `The link answered ${res.status} for bill ${bill.invoiceNumber}. Check the template with the InHANCE team.`
            : `The link answered, but not with a PDF (${contentType ?? 'no content type'}). Check the template with the InHANCE team.`,
      };
    } catch (error) {
      check = {
        ...base,
        ok: false,
        status: null,
        contentType: null,
        bytes: null,
        message: `The link could not be reached (${(error as Error).message}). Check the address and the network.`,
      };
    }
    this.write(billerId, setup.fields, { pdfCheck: check });
    this.deps.audit.record('setup.pdf-check', {
      billerId,
      subject: bill.invoiceNumber,
      detail: check.ok ? 'ok' : check.message,
    });
    this.changed(billerId);
    return check;
  }

  private imageDir(): string {
    return path.join(this.deps.dataDir, 'sample-bills');
  }

  private imagePath(billerId: string, mime: SampleImage['mimeType']): string {
    return path.join(this.imageDir(), `${billerId.replace(/[^A-Za-z0-9-]/g, '')}.${EXT[mime]}`);
  }

  /** Stores the biller's sample bill image (PDF, PNG or JPEG, by its bytes) in the data directory. */
  importSampleImage(billerId: string, fileName: string, data: Buffer): SampleImage {
    const setup = this.get(billerId);
    if (data.length === 0)
      throw new AppError('INVALID_INPUT', `"${fileName}" is empty. Choose the sample bill the biller sent.`);
    if (data.length > MAX_SAMPLE_IMAGE_BYTES)
      throw new AppError(
        'INVALID_INPUT',
        `"${fileName}" is ${(data.length / 1024 / 1024).toFixed(1)} MB; a sample bill image may be at most 10 MB. Ask the biller for a smaller scan.`,
      );
    const mimeType = sniffImageType(data);
    if (!mimeType)
      throw new AppError(
        'INVALID_INPUT',
        `"${fileName}" is not a PDF, PNG or JPEG file. Ask the biller for the sample bill in one of those formats.`,
      );
    fs.mkdirSync(this.imageDir(), { recursive: true });
    for (const ext of Object.keys(EXT) as Array<SampleImage['mimeType']>)
      fs.rmSync(this.imagePath(billerId, ext), { force: true });
    const target = this.imagePath(billerId, mimeType);
    fs.writeFileSync(`${target}.tmp`, data);
    fs.renameSync(`${target}.tmp`, target);
    const image: SampleImage = {
      fileName: path.basename(fileName).slice(0, 200),
      mimeType,
      bytes: data.length,
      importedAt: this.deps.clock.now().toISOString(),
      importedBy: this.deps.audit.currentActor.name,
    };
    this.write(billerId, setup.fields, { sampleImage: image });
    this.deps.audit.record('setup.sample-image', {
      billerId,
      subject: image.fileName,
      detail: `${mimeType}, ${data.length} bytes`,
    });
    this.changed(billerId);
    return image;
  }

  /** The stored sample image's bytes, for the preview. */
  sampleImageData(billerId: string): { image: SampleImage; data: Buffer } | null {
    const image = this.get(billerId).sampleImage;
    if (!image) return null;
    return { image, data: fs.readFileSync(this.imagePath(billerId, image.mimeType)) };
  }

  /**
   * Copies another biller's setup onto this one: bill-image method and template, IVR, Caselle and
   * the InHANCE and InvoiceCloud contacts. What belongs to one biller alone stays: its Track 70
   * request, the project confirmation, its own contacts, links, checks and image. No secret is involved.
   */
  copyFrom(billerId: string, sourceId: string): Setup {
    if (billerId === sourceId) throw new AppError('INVALID_INPUT', 'Choose another biller to copy the setup from.');
    const source = this.get(sourceId).fields;
    const own = this.get(billerId).fields;
    const merged: SetupFields = {
      ...own,
      billImages: { ...source.billImages },
      ivr: { ...source.ivr },
      caselle: { ...source.caselle },
      // Copied contacts get their own ids on this biller.
      contacts: [
        ...own.contacts.filter((c) => c.organisation === 'biller'),
        ...source.contacts.filter((c) => c.organisation !== 'biller').map((c) => ({ ...c, id: undefined })),
      ],
    };
    return this.update(billerId, merged, {
      action: 'setup.copy',
      note: `copied from ${this.deps.billers.profile(sourceId).name}`,
    });
  }

  /** Parses setup fields from an imported file; throws INVALID_INPUT naming the field. */
  static parseFields(value: unknown): SetupFields {
    const parsed = setupInputSchema.safeParse(value ?? {});
    if (!parsed.success) throw invalidInput(parsed.error as z.ZodError, 'The setup in the file', (f) => `setup.${f}`);
    return parsed.data;
  }

  /** Writes parsed fields for a new biller (used inside the import transaction). */
  writeImported(billerId: string, fields: SetupFields): void {
    this.write(
      billerId,
      withContactIds(fields, () => randomUUID()),
      { pdfCheck: null, sampleImage: null },
    );
  }
}

/** Every contact with an id: the given ones kept, the missing ones made by `make`, none repeated. */
function withContactIds(
  fields: SetupFields,
  make: (c: SetupFields['contacts'][number], i: number) => string,
): SetupFields {
  const seen = new Set<string>();
  const contacts = fields.contacts.map((c, i) => {
    let id = c.id && !seen.has(c.id) ? c.id : make(c, i);
    if (seen.has(id)) id = `${id}-${i}`;
    seen.add(id);
    return { ...c, id };
  });
  return { ...fields, contacts };
}

/** Contacts saved before contacts had ids get one derived from who they are, the same on every read. */
function stableContactId(c: SetupFields['contacts'][number]): string {
  return `contact-${createHash('sha256').update(`${c.organisation}|${c.name}`).digest('hex').slice(0, 16)}`;
}
