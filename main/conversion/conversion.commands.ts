import fs from 'node:fs';
import path from 'node:path';
import {
  CHECKLIST_ROLES,
  GO_LIVE_ACTIONS,
  ITEM_STATUS_LABELS,
  itemChangeSchema,
  ROLE_LABELS,
  readinessText,
  type Checklist,
  type GoLiveAction,
} from '../../shared/domain/checklist';
import {
  CASELLE_LABELS,
  CONTACT_ORG_LABELS,
  IVR_LABELS,
  TEMPLATE_LABELS,
  TRACK70_LABELS,
  type Setup,
  type SetupInput,
} from '../../shared/domain/setup';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import { invalidInput } from '../ipc/router';
import type { CliContext, Command } from '../cli/command';
import { goLiveFields } from './conversion.ipc';
import { exportProfile, importProfile } from './profile-file';

/** `billers setup` flag → where it goes in the setup. */
const SETUP_FLAGS: Record<string, (s: Required<SetupInput>, v: string) => void> = {
  'track70-status': (s, v) => (s.track70 = { ...s.track70, status: v as never }),
  'track70-ref': (s, v) => (s.track70 = { ...s.track70, reference: v }),
  'track70-submitted-on': (s, v) => (s.track70 = { ...s.track70, submittedOn: v }),
  'bill-images': (s, v) => (s.billImages = { ...s.billImages, method: v as never }),
  'pdf-link-template': (s, v) => (s.billImages = { ...s.billImages, pdfLinkTemplate: v }),
  'template-status': (s, v) => (s.billImages = { ...s.billImages, templateStatus: v as never }),
  'ivr-status': (s, v) => (s.ivr = { ...s.ivr, status: v as never }),
  'ivr-notes': (s, v) => (s.ivr = { ...s.ivr, notes: v }),
  caselle: (s, v) => {
    if (v !== 'yes' && v !== 'no') throw new AppError('INVALID_INPUT', '--caselle takes yes or no.');
    s.caselle = { ...s.caselle, applies: v === 'yes' };
  },
  'caselle-host': (s, v) => (s.caselle = { ...s.caselle, host: v }),
  'caselle-status': (s, v) => (s.caselle = { ...s.caselle, status: v as never }),
  'project-active-on': (s, v) => (s.projectActive = { ...s.projectActive, confirmedOn: v }),
  'project-active-with': (s, v) => (s.projectActive = { ...s.projectActive, confirmedWith: v }),
  smartsheet: (s, v) => (s.links = { ...s.links, smartsheet: v }),
  confluence: (s, v) => (s.links = { ...s.links, confluence: v }),
};

function describeSetup(name: string, s: Setup): string {
  const f = s.fields;
  const line = (label: string, value: string) => `${label.padEnd(22)} ${value}`;
  return [
    `Setup of ${name}`,
    line(
      'Track 70',
      `${TRACK70_LABELS[f.track70.status]}${f.track70.reference ? `, ref ${f.track70.reference}` : ''}${f.track70.submittedOn ? `, submitted ${f.track70.submittedOn}` : ''}`,
    ),
    line(
      'Bill images',
      f.billImages.method === 'pdf-linking'
        ? `PDF linking: ${f.billImages.pdfLinkTemplate ?? '(no link template)'}`
        : `Template Track: ${TEMPLATE_LABELS[f.billImages.templateStatus]}`,
    ),
    line(
      'PDF link check',
      s.pdfCheck
        ? `${s.pdfCheck.ok ? 'passed' : 'failed'}: ${s.pdfCheck.message} (${s.pdfCheck.at.slice(0, 10)} by ${s.pdfCheck.by})`
        : 'not checked',
    ),
    line(
      'Sample bill image',
      s.sampleImage ? `${s.sampleImage.fileName} (${s.sampleImage.mimeType}, ${s.sampleImage.bytes} bytes)` : 'none',
    ),
    line('IVR (utilitysearch2)', `${IVR_LABELS[f.ivr.status]}${f.ivr.notes ? `: ${f.ivr.notes}` : ''}`),
    line(
      'Caselle/COWS',
      f.caselle.applies
        ? `${CASELLE_LABELS[f.caselle.status]}${f.caselle.host ? ` (${f.caselle.host})` : ''}`
        : 'not applicable',
    ),
    line(
      'Project active',
      f.projectActive.confirmedOn
        ? `confirmed ${f.projectActive.confirmedOn}${f.projectActive.confirmedWith ? ` with ${f.projectActive.confirmedWith}` : ''}`
        : 'not confirmed',
    ),
    line('Smartsheet', f.links.smartsheet ?? '(none)'),
    line('Confluence', f.links.confluence ?? '(none)'),
    line('Contacts', f.contacts.length ? '' : '(none)'),
    ...f.contacts.map(
      (c) =>
        `  ${c.name} (${CONTACT_ORG_LABELS[c.organisation]}${c.role ? `, ${c.role}` : ''})${c.email ? ` ${c.email}` : ''}${c.phone ? ` ${c.phone}` : ''}`,
    ),
  ].join('\n');
}

function describeChecklist(c: Checklist): string {
  const lines = [
    `Conversion checklist of ${c.billerName}: ${readinessText(c.overall)}${c.ready ? ' (ready to go live)' : ''}${c.sandbox ? ' [sandbox: never gated]' : ''}`,
  ];
  for (const role of CHECKLIST_ROLES) {
    lines.push('', `${ROLE_LABELS[role]}: ${readinessText(c.byRole[role])}`);
    for (const i of c.items.filter((x) => x.role === role)) {
      lines.push(`  [${i.status === 'done' ? 'x' : ' '}] ${i.id}${i.required ? ' (required)' : ''}: ${i.text}`);
      lines.push(
        `      ${ITEM_STATUS_LABELS[i.status]} — ${i.statusText}${i.owner ? ` · owner ${i.owner}` : ''}${i.due ? ` · due ${i.due}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

function writeOut(ctx: CliContext, content: string, fallbackName: string): string {
  const out = flagString(ctx.args, 'out');
  if (!out)
    throw new AppError('INVALID_INPUT', `Say where to write it with --out FILE (for example --out ${fallbackName}).`);
  fs.writeFileSync(path.resolve(out), content);
  return path.resolve(out);
}

export const conversionCommands: Command[] = [
  {
    domain: 'billers',
    verb: 'setup',
    usage:
      'billers setup --biller B [--track70-status not-submitted|submitted|received] [--track70-ref R] [--pdf-link-template T] [--ivr-status S] [--verify-pdf-link yes] …',
    flags: ['biller', ...Object.keys(SETUP_FLAGS), 'copy-from', 'sample-image', 'verify-pdf-link'],
    summary: 'Show a biller’s conversion setup items; flags change them (nothing is written if one is wrong).',
    async run(ctx) {
      const biller = ctx.biller();
      const { setup } = ctx.core;
      const from = flagString(ctx.args, 'copy-from');
      if (from) setup.copyFrom(biller.id, ctx.core.billers.resolve(from).id);
      const given = Object.keys(SETUP_FLAGS).filter((f) => flagString(ctx.args, f) !== undefined);
      if (given.length) {
        const next = structuredClone(setup.get(biller.id).fields) as Required<SetupInput>;
        for (const f of given) SETUP_FLAGS[f]!(next, flagString(ctx.args, f)!);
        setup.update(biller.id, next);
      }
      const image = flagString(ctx.args, 'sample-image');
      if (image) setup.importSampleImage(biller.id, path.basename(image), fs.readFileSync(path.resolve(image)));
      const verify = flagString(ctx.args, 'verify-pdf-link');
      let note = '';
      if (verify === 'yes') note = `\nPDF link check: ${(await setup.verifyPdfLink(biller.id)).message}`;
      const result = setup.get(biller.id);
      return { json: result, text: describeSetup(biller.name, result) + note };
    },
  },
  {
    domain: 'billers',
    verb: 'export',
    usage: 'billers export --biller B --out FILE',
    flags: ['biller', 'out'],
    summary: 'Write a biller’s profile and setup as JSON, without secrets.',
    async run(ctx) {
      const { json, fileName } = exportProfile(ctx.core.billers, ctx.core.setup, ctx.core.clock, ctx.biller().id);
      const written = writeOut(ctx, json, fileName);
      return { json: { file: written }, text: `Wrote ${written} (no secrets).` };
    },
  },
  {
    domain: 'billers',
    verb: 'import',
    usage: 'billers import --file FILE [--name N]',
    flags: ['file', 'name'],
    summary: 'Create a biller from an exported profile; checked first, nothing written on error.',
    async run(ctx) {
      const file = flagString(ctx.args, 'file');
      const text = file ? fs.readFileSync(path.resolve(file), 'utf8') : await ctx.stdin();
      if (!text.trim())
        throw new AppError('INVALID_INPUT', 'Give the profile file with --file FILE (or on standard input).');
      const { biller, notes } = importProfile(ctx.core, text, flagString(ctx.args, 'name'));
      const b = await ctx.core.billers.get(biller);
      return { json: { biller: b, notes }, text: [`Imported "${b.name}" (${b.id}).`, ...notes].join('\n') };
    },
  },
  {
    domain: 'checklist',
    verb: 'show',
    usage: 'checklist show --biller B [--json]',
    flags: ['biller'],
    summary: 'The conversion checklist by role, with readiness.',
    async run(ctx) {
      const c = await ctx.core.checklist.get(ctx.biller().id);
      return { json: c, text: describeChecklist(c) };
    },
  },
  {
    domain: 'checklist',
    verb: 'set',
    usage:
      'checklist set <item> --biller B [--status not-started|in-progress|blocked|done] [--owner O] [--due YYYY-MM-DD] [--notes N] [--evidence URL]',
    flags: ['biller', 'status', 'owner', 'due', 'notes', 'evidence'],
    summary: 'Change one checklist item (audited with who and when).',
    async run(ctx) {
      const itemId = ctx.args.positionals[2];
      if (!itemId)
        throw new AppError(
          'INVALID_INPUT',
          'Name the item, e.g. "checklist set pm-ivr --status done". "checklist show" lists the ids.',
        );
      const pick = (f: string) => flagString(ctx.args, f);
      const parsed = itemChangeSchema.safeParse({
        billerId: ctx.biller().id,
        itemId,
        ...(pick('status') !== undefined ? { status: pick('status') } : {}),
        ...(pick('owner') !== undefined ? { owner: pick('owner') } : {}),
        ...(pick('due') !== undefined ? { due: pick('due') } : {}),
        ...(pick('notes') !== undefined ? { notes: pick('notes') } : {}),
        ...(pick('evidence') !== undefined ? { evidence: pick('evidence') } : {}),
      });
      if (!parsed.success) throw invalidInput(parsed.error, 'The change');
      const item = await ctx.core.checklist.set(parsed.data);
      return { json: item, text: `${item.id}: ${ITEM_STATUS_LABELS[item.status]} — ${item.statusText}` };
    },
  },
  {
    domain: 'checklist',
    verb: 'export',
    usage: 'checklist export --biller B --out FILE',
    flags: ['biller', 'out'],
    summary: 'Write the checklist as CSV.',
    async run(ctx) {
      const { csv, fileName } = await ctx.core.checklist.exportCsv(ctx.biller().id);
      const written = writeOut(ctx, csv, fileName);
      return { json: { file: written }, text: `Wrote ${written}.` };
    },
  },
  {
    domain: 'checklist',
    verb: 'go-live',
    usage: 'checklist go-live --biller B --action posting-live|schedules-on [--override-reason R]',
    flags: ['biller', 'action', 'override-reason'],
    summary: 'Switch posting to live or make this installation the job host, through the go-live gate.',
    async run(ctx) {
      const action = flagString(ctx.args, 'action') as GoLiveAction | undefined;
      if (!action || !GO_LIVE_ACTIONS.includes(action))
        throw new AppError('INVALID_INPUT', '--action takes posting-live or schedules-on.');
      const biller = ctx.biller();
      const reason = flagString(ctx.args, 'override-reason');
      const b = await ctx.core.billers.update(
        biller.id,
        goLiveFields(biller, action),
        reason ? { overrideReason: reason } : {},
      );
      return {
        json: b,
        text: `${b.name}: ${action === 'posting-live' ? 'live posting on' : 'schedules on (this installation is the job host)'}${reason ? ' (gate overridden, reason in the audit log)' : ''}.`,
      };
    },
  },
];
