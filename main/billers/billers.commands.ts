import * as z from 'zod';
import { billerInputSchema, type Biller, type BillerInput, type SecretName } from '../../shared/domain/biller';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import { table, type CliContext, type Command } from '../cli/command';
import { invalidInput } from '../ipc/router';
import { invoiceFileSettingsCommand } from './invoice-file-settings.commands';

const FIELD_FLAGS: Record<string, keyof BillerInput> = {
  name: 'name',
  'time-zone': 'timeZone',
  'biller-guid': 'billerGuid',
  'invoice-type-id': 'invoiceTypeId',
  'invoice-format-guid': 'invoiceFormatGuid',
  'ic-host': 'icHost',
  'impresa-url': 'impresaUrl',
  'impresa-user': 'impresaUser',
  'posting-mode': 'postingMode',
  'live-posting-user': 'livePostingUser',
  'job-host': 'isJobHost',
};

const SECRET_FLAGS = ['web-service-key', 'impresa-password', 'password', 'key'];
// Secret options are declared so they reach the refusal that explains where secrets go instead.
const ADD_FLAGS = [...Object.keys(FIELD_FLAGS), ...SECRET_FLAGS, 'secrets-stdin'];

const secretsJson = z
  .object({ webServiceKey: z.string().min(1).optional(), impresaPassword: z.string().min(1).optional() })
  .strict();

function fieldsFromFlags(ctx: CliContext, base: Partial<BillerInput>): BillerInput {
  for (const flag of SECRET_FLAGS) {
    if (flag in ctx.args.flags) {
      throw new AppError(
        'INVALID_INPUT',
        `Secrets are never taken as arguments (they would stay in your shell history). Set IMPRESA_BRIDGE_WEB_SERVICE_KEY / IMPRESA_BRIDGE_IMPRESA_PASSWORD, or pass JSON on standard input with --secrets-stdin.`,
      );
    }
  }
  const fields: Record<string, unknown> = { ...base };
  for (const [flag, key] of Object.entries(FIELD_FLAGS)) {
    const value = flagString(ctx.args, flag);
    if (value === undefined) continue;
    if (key === 'isJobHost' && value !== 'yes' && value !== 'no')
      throw new AppError('INVALID_INPUT', `--job-host takes yes or no (not "${value}").`);
    fields[key] = key === 'isJobHost' ? value === 'yes' : value;
  }
  fields.timeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return fields as BillerInput;
}

type CliSecrets = Partial<Record<SecretName, string>>;

/** Secrets from --secrets-stdin or the environment, read (and checked) before anything is written. */
async function readSecrets(ctx: CliContext): Promise<CliSecrets> {
  const raw = await readRawSecrets(ctx);
  return {
    ...(raw.webServiceKey ? { 'web-service-key': raw.webServiceKey } : {}),
    ...(raw.impresaPassword ? { 'impresa-password': raw.impresaPassword } : {}),
  };
}

async function readRawSecrets(ctx: CliContext): Promise<{ webServiceKey?: string; impresaPassword?: string }> {
  if (ctx.args.flags['secrets-stdin']) {
    const raw = (await ctx.stdin()).trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        'Standard input must be JSON such as {"webServiceKey": "…", "impresaPassword": "…"}.',
      );
    }
    const result = secretsJson.safeParse(parsed);
    if (!result.success)
      throw new AppError(
        'INVALID_INPUT',
        'Standard input may hold only "webServiceKey" and "impresaPassword", each a non-empty string.',
      );
    return result.data;
  }
  const out: { webServiceKey?: string; impresaPassword?: string } = {};
  if (process.env.IMPRESA_BRIDGE_WEB_SERVICE_KEY) out.webServiceKey = process.env.IMPRESA_BRIDGE_WEB_SERVICE_KEY;
  if (process.env.IMPRESA_BRIDGE_IMPRESA_PASSWORD) out.impresaPassword = process.env.IMPRESA_BRIDGE_IMPRESA_PASSWORD;
  return out;
}

async function storeSecrets(ctx: CliContext, billerId: string, secrets: CliSecrets): Promise<void> {
  for (const [name, value] of Object.entries(secrets) as Array<[SecretName, string]>)
    await ctx.core.billers.setSecret(billerId, name, value);
}

function parseFields(input: BillerInput) {
  const parsed = billerInputSchema.safeParse(input);
  if (!parsed.success) {
    // Name the option the person typed, not the internal field.
    const flagOf = Object.fromEntries(Object.entries(FIELD_FLAGS).map(([flag, key]) => [key, `--${flag}`]));
    throw invalidInput(parsed.error, 'The biller', (field) => flagOf[field] ?? field);
  }
  return parsed.data;
}

function secretWord(stored: boolean | null): string {
  return stored === null ? 'unknown: the OS keychain cannot be reached' : stored ? 'stored in keychain' : 'NOT STORED';
}

function secretsColumn(b: Biller): string {
  const values = Object.values(b.secrets);
  if (values.some((v) => v === null)) return 'unknown';
  return values.every(Boolean) ? 'stored' : 'missing';
}

function describe(b: Biller): string {
  return [
    `${b.name}${b.sandbox ? ' (sandbox)' : ''}`,
    `  id                   ${b.id}`,
    `  time zone            ${b.timeZone}`,
    `  biller GUID          ${b.billerGuid}`,
    `  invoice type ID      ${b.invoiceTypeId}`,
    `  invoice format GUID  ${b.invoiceFormatGuid ?? 'not yet: InvoiceCloud creates it on its internal Track 70 request, after the biller is set up'}`,
    `  InvoiceCloud host    ${b.icHost}`,
    `  InHANCE endpoint     ${b.impresaUrl} as ${b.impresaUser}`,
    `  posting mode         ${b.postingMode}${b.postingMode === 'live' ? ` by ${b.livePostingUser}` : ''}`,
    `  job host             ${b.isJobHost ? 'yes: this installation runs the jobs' : 'no: queue only'}`,
    `  web service key      ${secretWord(b.secrets['web-service-key'])}`,
    `  InHANCE password     ${secretWord(b.secrets['impresa-password'])}`,
  ].join('\n');
}

export const billerCommands: Command[] = [
  {
    domain: 'billers',
    verb: 'list',
    usage: 'billers list [--json]',
    flags: [],
    summary: 'List biller profiles.',
    async run({ core }) {
      const billers = await core.billers.list();
      return {
        json: billers,
        text: billers.length
          ? table(
              ['NAME', 'ID', 'MODE', 'JOB HOST', 'SECRETS'],
              billers.map((b) => [b.name, b.id, b.postingMode, b.isJobHost ? 'yes' : 'no', secretsColumn(b)]),
            )
          : 'No billers yet. Add one with "billers add".',
      };
    },
  },
  {
    domain: 'billers',
    verb: 'show',
    usage: 'billers show --biller <id|name> [--json]',
    flags: ['biller'],
    summary: 'Show one biller profile (secrets only as stored / not stored).',
    async run(ctx) {
      const biller = await ctx.core.billers.get(ctx.biller().id);
      return { json: biller, text: describe(biller) };
    },
  },
  {
    domain: 'billers',
    verb: 'add',
    usage:
      'billers add --name N --biller-guid G --invoice-type-id N --impresa-url U --impresa-user U --posting-mode pending|live [--time-zone TZ] [--invoice-format-guid G] [--ic-host U] [--live-posting-user U] [--job-host yes|no] [--secrets-stdin]',
    flags: ADD_FLAGS,
    summary:
      'Add a biller; secrets from IMPRESA_BRIDGE_WEB_SERVICE_KEY / IMPRESA_BRIDGE_IMPRESA_PASSWORD or --secrets-stdin.',
    async run(ctx) {
      const fields = parseFields(fieldsFromFlags(ctx, {}));
      // All or nothing: a keychain failure leaves no profile behind, so the same command can be retried.
      const biller = await ctx.core.billers.create(fields, await readSecrets(ctx));
      return { json: biller, text: `Added.\n${describe(biller)}` };
    },
  },
  {
    domain: 'billers',
    verb: 'update',
    usage: 'billers update --biller <id|name> [any field option of add] [--secrets-stdin]',
    flags: ['biller', ...ADD_FLAGS],
    summary: 'Change a biller profile; only the options given change.',
    async run(ctx) {
      const current = ctx.biller();
      const { id: _id, sandbox: _s, createdAt: _c, updatedAt: _u, ...base } = current;
      const fields = parseFields(fieldsFromFlags(ctx, base));
      const secrets = await readSecrets(ctx);
      // Check the keychain before changing the profile, so a failure changes nothing.
      if (Object.keys(secrets).length) await ctx.core.secrets.assertAvailable();
      await ctx.core.billers.update(current.id, fields);
      await storeSecrets(ctx, current.id, secrets);
      const biller = await ctx.core.billers.get(current.id);
      return { json: biller, text: `Updated.\n${describe(biller)}` };
    },
  },
  {
    domain: 'billers',
    verb: 'remove',
    usage: 'billers remove --biller <id|name> --yes',
    flags: ['biller', 'yes'],
    summary:
      'Delete a biller profile, its keychain entries, and its job history, schedules, mappings and queue copy (refused while it has payments).',
    async run(ctx) {
      const biller = ctx.biller();
      if (!ctx.args.flags.yes)
        throw new AppError(
          'INVALID_INPUT',
          `This deletes "${biller.name}", its stored secrets, and its job history, schedules, mappings and queue copy on this computer. Add --yes to confirm.`,
        );
      await ctx.core.billers.remove(biller.id);
      return { json: { ok: true, id: biller.id }, text: `Removed "${biller.name}".` };
    },
  },
  invoiceFileSettingsCommand,
];
