import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { ATTENDEE_ROLES, type AttendeeRole, type CallsSecretName } from '../../shared/domain/calls';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import { table, type CliContext, type Command } from '../cli/command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TOKEN_FLAGS = ['smartsheet-token', 'confluence-token', 'token'];

function day(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('INVALID_INPUT', `Give the call's date with ${flag} YYYY-MM-DD.`);
  if (!DAY.test(value))
    throw new AppError('INVALID_INPUT', `Write the date as YYYY-MM-DD (${flag} 2025-03-04), not "${value}".`);
  return value;
}

function refuseTokenArguments(ctx: CliContext): void {
  if (TOKEN_FLAGS.some((f) => ctx.args.flags[f] !== undefined)) {
    throw new AppError(
      'INVALID_INPUT',
      'Tokens are never taken as arguments (they would stay in your shell history). Set IMPRESA_BRIDGE_SMARTSHEET_TOKEN / IMPRESA_BRIDGE_CONFLUENCE_TOKEN, or pass JSON on standard input with --secrets-stdin.',
    );
  }
}

const tokensJson = z
  .object({ smartsheetToken: z.string().min(1).optional(), confluenceToken: z.string().min(1).optional() })
  .strict();

/** Tokens from --secrets-stdin or the environment; stored in the keychain before the command runs. */
async function storeTokens(ctx: CliContext, billerId: string): Promise<CallsSecretName[]> {
  refuseTokenArguments(ctx);
  let tokens: z.output<typeof tokensJson> = {};
  if (ctx.args.flags['secrets-stdin']) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await ctx.stdin()).trim());
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        'Standard input must be JSON such as {"smartsheetToken": "…", "confluenceToken": "…"}.',
      );
    }
    const r = tokensJson.safeParse(parsed);
    if (!r.success)
      throw new AppError(
        'INVALID_INPUT',
        'Standard input may hold only "smartsheetToken" and "confluenceToken", each a non-empty string.',
      );
    tokens = r.data;
  } else {
    if (process.env.IMPRESA_BRIDGE_SMARTSHEET_TOKEN)
      tokens.smartsheetToken = process.env.IMPRESA_BRIDGE_SMARTSHEET_TOKEN;
    if (process.env.IMPRESA_BRIDGE_CONFLUENCE_TOKEN)
      tokens.confluenceToken = process.env.IMPRESA_BRIDGE_CONFLUENCE_TOKEN;
  }
  const stored: CallsSecretName[] = [];
  if (tokens.smartsheetToken) {
    await ctx.core.calls.setToken(billerId, 'smartsheet-token', tokens.smartsheetToken);
    stored.push('smartsheet-token');
  }
  if (tokens.confluenceToken) {
    await ctx.core.calls.setToken(billerId, 'confluence-token', tokens.confluenceToken);
    stored.push('confluence-token');
  }
  return stored;
}

async function settings(ctx: CliContext) {
  const biller = ctx.biller();
  refuseTokenArguments(ctx);
  const change = {
    ...(flagString(ctx.args, 'smartsheet-url') !== undefined
      ? { smartsheetUrl: flagString(ctx.args, 'smartsheet-url')! }
      : {}),
    ...(flagString(ctx.args, 'sheet-id') !== undefined ? { sheetId: flagString(ctx.args, 'sheet-id')! } : {}),
    ...(flagString(ctx.args, 'confluence-url') !== undefined
      ? { confluenceUrl: flagString(ctx.args, 'confluence-url')! }
      : {}),
    ...(flagString(ctx.args, 'page-id') !== undefined ? { pageId: flagString(ctx.args, 'page-id')! } : {}),
    ...(flagString(ctx.args, 'confluence-email') !== undefined
      ? { confluenceEmail: flagString(ctx.args, 'confluence-email')! }
      : {}),
  };
  // Settings are checked before any token is stored: bad input writes nothing.
  const saved = Object.keys(change).length
    ? await ctx.core.calls.saveSettings(biller.id, change)
    : await ctx.core.calls.settings(biller.id);
  const stored = await storeTokens(ctx, biller.id);
  const s = stored.length ? await ctx.core.calls.settings(biller.id) : saved;
  const yes = (v: boolean | null) => (v === null ? 'keychain unavailable' : v ? 'stored' : 'not stored');
  const text = [
    `Calls settings for ${biller.name}:`,
    `  Smartsheet API:     ${s.smartsheetUrl}`,
    `  Sheet ID:           ${s.sheetId ?? '(not set)'}`,
    `  Smartsheet token:   ${yes(s.smartsheetToken)}`,
    `  Confluence site:    ${s.confluenceUrl ?? '(not set)'}`,
    `  Page ID:            ${s.pageId ?? '(not set)'}`,
    `  Confluence email:   ${s.confluenceEmail ?? '(not set)'}`,
    `  Confluence token:   ${yes(s.confluenceToken)}`,
  ].join('\n');
  return { json: s, text };
}

async function list(ctx: CliContext) {
  const biller = ctx.biller();
  const calls = ctx.core.calls.list(biller.id);
  const text = calls.length
    ? table(
        ['DATE', 'ACTIONS', 'OPEN', 'ESCALATIONS', 'SUMMARY'],
        calls.map((c) => [c.date, c.actionItems, c.openActionItems, c.escalations, c.summary.slice(0, 60)]),
      )
    : `No calls recorded for ${biller.name} yet. Add one with "calls add --date YYYY-MM-DD".`;
  return { json: calls, text };
}

async function show(ctx: CliContext) {
  const biller = ctx.biller();
  const date = day(ctx.args.positionals[2] ?? flagString(ctx.args, 'date'), 'calls show');
  const call = ctx.core.calls.get(biller.id, date);
  return { json: call, text: ctx.core.calls.markdown(biller.id, date) };
}

async function exportNotes(ctx: CliContext) {
  const biller = ctx.biller();
  const date = day(ctx.args.positionals[2] ?? flagString(ctx.args, 'date'), 'calls export');
  const format = flagString(ctx.args, 'format') ?? 'md';
  if (format !== 'md' && format !== 'pdf') throw new AppError('INVALID_INPUT', '--format must be md or pdf.');
  const file = await ctx.core.calls.export(biller.id, date, format);
  const target = path.resolve(flagString(ctx.args, 'out') ?? file.fileName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return {
    json: { file: target, bytes: file.bytes, date, format },
    text: `Wrote the ${date} call notes (${format.toUpperCase()}) to ${target} (${file.bytes} bytes).`,
  };
}

async function openIssuesCommand(ctx: CliContext) {
  const wanted = flagString(ctx.args, 'biller');
  const billerId = wanted ? ctx.core.billers.resolve(wanted).id : undefined;
  const owner = flagString(ctx.args, 'owner');
  const issues = ctx.core.calls.openIssues({ billerId, owner });
  const text = issues.length
    ? table(
        ['AGE', 'KIND', 'BILLER', 'OWNER', 'DUE', 'ISSUE'],
        issues.map((i) => [
          `${i.ageDays}d`,
          i.kind,
          i.billerName,
          i.owner,
          i.dueDate ? `${i.dueDate}${i.overdue ? ' (overdue)' : ''}` : '',
          i.text.slice(0, 70),
        ]),
      ) + `\n\n${issues.length} open issue${issues.length === 1 ? '' : 's'}.`
    : 'No open issues: every issue raised on a call is resolved.';
  return { json: issues, text };
}

async function add(ctx: CliContext) {
  const biller = ctx.biller();
  const date = day(flagString(ctx.args, 'date'), '--date');
  const existing = ctx.core.calls.list(biller.id).find((c) => c.date === date);
  const call = ctx.core.calls.save({
    billerId: biller.id,
    date,
    summary: flagString(ctx.args, 'summary') ?? (existing ? ctx.core.calls.get(biller.id, date).summary : ''),
    ...(existing
      ? {
          attendees: ctx.core.calls.get(biller.id, date).attendees,
          blockers: ctx.core.calls.get(biller.id, date).blockers,
          decisions: ctx.core.calls.get(biller.id, date).decisions,
        }
      : {}),
  });
  return {
    json: call,
    text: `${existing ? 'Updated' : 'Added'} the ${date} call for ${biller.name}${call.carriedOver.length ? `; ${call.carriedOver.length} open action item(s) carried over` : ''}.`,
  };
}

async function action(ctx: CliContext) {
  if (ctx.args.positionals[2] !== 'add')
    throw new AppError(
      'INVALID_INPUT',
      'Use "calls action add --date YYYY-MM-DD --text T --owner O --due YYYY-MM-DD".',
    );
  const biller = ctx.biller();
  const date = day(flagString(ctx.args, 'date'), '--date');
  const due = flagString(ctx.args, 'due');
  if (due !== undefined) day(due, '--due');
  const role = flagString(ctx.args, 'role') ?? 'PM';
  if (!(ATTENDEE_ROLES as readonly string[]).includes(role))
    throw new AppError('INVALID_INPUT', `--role must be one of ${ATTENDEE_ROLES.join(', ')}.`);
  const item = ctx.core.calls.addAction(biller.id, date, {
    text: flagString(ctx.args, 'text') ?? '',
    owner: flagString(ctx.args, 'owner') ?? '',
    role: role as AttendeeRole,
    dueDate: due ?? null,
  });
  return {
    json: item,
    text: `Added the action item "${item.text}" (${item.owner}, due ${item.dueDate ?? 'not set'}) to the ${date} call.`,
  };
}

async function sync(ctx: CliContext) {
  const biller = ctx.biller();
  const toSmartsheet = ctx.args.flags.smartsheet === true;
  const toConfluence = ctx.args.flags.confluence === true;
  if (toSmartsheet === toConfluence)
    throw new AppError('INVALID_INPUT', 'Say where to sync: --smartsheet or --confluence.');
  const dateFlag = flagString(ctx.args, 'date');
  const date = dateFlag === undefined ? undefined : day(dateFlag, '--date');
  await storeTokens(ctx, biller.id);
  if (toSmartsheet) {
    const result = await ctx.core.calls.syncSmartsheet(biller.id, date);
    const lines = [result.message, ...result.failed.map((f) => `  not synced: "${f.text}": ${f.reason}`)];
    return {
      json: result,
      text: lines.join('\n'),
      exitCode: result.failed.length ? 1 : 0,
      ...(result.failed.length ? { stderr: `${result.failed.length} action item(s) were not synced.` } : {}),
    };
  }
  const target = date ?? ctx.core.calls.list(biller.id)[0]?.date;
  if (!target) throw new AppError('INVALID_INPUT', `No call to publish: ${biller.name} has no calls yet.`);
  const result = await ctx.core.calls.publishConfluence(biller.id, target);
  return { json: result, text: result.message };
}

export const callsCommands: Command[] = [
  {
    domain: 'calls',
    verb: 'settings',
    usage:
      'calls settings --biller B [--smartsheet-url U --sheet-id N] [--confluence-url U --page-id N --confluence-email E] [--secrets-stdin]',
    flags: [
      'biller',
      'smartsheet-url',
      'sheet-id',
      'confluence-url',
      'page-id',
      'confluence-email',
      'secrets-stdin',
      ...TOKEN_FLAGS,
    ],
    summary:
      'Show or change where calls sync (Smartsheet sheet, Confluence page); tokens from the environment or --secrets-stdin.',
    run: settings,
  },
  {
    domain: 'calls',
    verb: 'list',
    usage: 'calls list [--biller B] [--json]',
    flags: ['biller'],
    summary: "The biller's calls, newest first.",
    run: list,
  },
  {
    domain: 'calls',
    verb: 'show',
    usage: 'calls show <YYYY-MM-DD> [--biller B] [--json]',
    flags: ['biller'],
    summary: "One call's notes, action items (with carried-over ones) and escalations.",
    run: show,
  },
  {
    domain: 'calls',
    verb: 'export',
    usage: 'calls export <YYYY-MM-DD> --format md|pdf --out FILE',
    flags: ['biller', 'format', 'out'],
    summary: "Write a call's notes as Markdown or PDF.",
    run: exportNotes,
  },
  {
    domain: 'calls',
    verb: 'open-issues',
    usage: 'calls open-issues [--biller B] [--owner O] [--json]',
    flags: ['biller', 'owner'],
    summary: 'Every issue raised on a call and not yet resolved, with its age.',
    run: openIssuesCommand,
  },
  {
    domain: 'calls',
    verb: 'add',
    usage: 'calls add --date YYYY-MM-DD [--summary S]',
    flags: ['biller', 'date', 'summary'],
    summary: 'Add the call on a date (or change its summary).',
    run: add,
  },
  {
    domain: 'calls',
    verb: 'action',
    usage: 'calls action add --date YYYY-MM-DD --text T --owner O --due YYYY-MM-DD [--role Biller|PM|InHANCE]',
    flags: ['biller', 'date', 'text', 'owner', 'due', 'role'],
    summary: 'Add an action item to a call.',
    run: action,
  },
  {
    domain: 'calls',
    verb: 'sync',
    usage: 'calls sync --smartsheet|--confluence [--date YYYY-MM-DD] [--secrets-stdin]',
    flags: ['biller', 'smartsheet', 'confluence', 'date', 'secrets-stdin', ...TOKEN_FLAGS],
    summary: 'Send action items to Smartsheet or publish a call to Confluence; exits 1 with the reason when it fails.',
    run: sync,
  },
];
