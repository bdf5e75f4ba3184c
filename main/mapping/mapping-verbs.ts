import fs from 'node:fs';
import path from 'node:path';
import { describeRow, type MappingVersion, type ValidationIssue } from '../../shared/domain/mapping';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { AppError } from '../../shared/errors';
import { parseMappingFile } from './mapping-file';
import type { MappingService } from './mapping.service';
import { hasErrors } from './validate';

/**
 * `npm run cli -- mapping show|validate|export|import FILE|history [--biller B] [--json]`.
 * The CLI entry parses argv and resolves `--biller` (id or name) to an id, then calls
 * `runMappingCli`. Failures the person must act on (a bad file, a blocked import) are thrown as
 * AppError for the CLI's common error printer; `validate` reports problems with exit code 1.
 */
export const MAPPING_CLI_VERBS = ['show', 'validate', 'export', 'import', 'history'] as const;
export type MappingCliVerb = (typeof MAPPING_CLI_VERBS)[number];

export interface MappingCliRequest {
  verb: MappingCliVerb;
  billerId: string;
  /** import: the file to read (required); export: where to write (stdout without it); validate: a file to check instead of the active mapping. */
  file?: string;
  /** import: the version comment (`--comment`). */
  comment?: string;
  /** show/export: a version other than the active one (`--version N`). */
  version?: number;
  json: boolean;
}

export interface MappingCliOutput {
  exitCode: 0 | 1;
  stdout: string;
}

/** The verbs that read `--version`; any other verb refuses it rather than quietly use the active version. */
export const VERSIONED_VERBS: ReadonlySet<MappingCliVerb> = new Set(['show', 'export']);

/**
 * `--version N` as typed: a whole number, 0 (the standard mapping) or more. Anything else is
 * refused with a sentence, never turned into NaN or rounded to a version the person did not ask for.
 */
export function parseVersionOption(verb: MappingCliVerb, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!VERSIONED_VERBS.has(verb)) {
    throw new AppError(
      'INVALID_INPUT',
      `"mapping ${verb}" does not take --version; only "mapping show" and "mapping export" do.`,
    );
  }
  const trimmed = text.trim();
  const version = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(version)) {
    throw new AppError(
      'INVALID_INPUT',
      `--version takes a version number (0 for the standard mapping, or 1, 2, 3…), not '${text}'. "mapping history" lists the versions there are.`,
      { fields: { version: 'A whole number, 0 or more.' } },
    );
  }
  return version;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s.padEnd(n));

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'NOT_FOUND',
      `Cannot read ${file}${code === 'ENOENT' ? ': there is no such file' : `: ${(error as Error).message}`}.`,
    );
  }
}

function header(v: MappingVersion): string {
  if (v.kind === 'standard') return `Mapping version 0: ${v.comment}${v.active ? ' (active)' : ''}`;
  const how =
    v.kind === 'revert' ? `reverted to version ${v.revertedFrom}` : v.kind === 'import' ? 'imported' : 'saved';
  return `Mapping version ${v.version}${v.active ? ' (active)' : ''}, ${how} ${v.createdAt?.slice(0, 16).replace('T', ' ')} UTC by ${v.authorName}: ${v.comment}`;
}

function table(v: MappingVersion): string {
  const byTarget = new Map(v.rows.map((r) => [r.target, r]));
  const lines = [`${pad('TARGET', 32)}${pad('LABEL', 24)}SOURCE (TRANSFORM)`];
  for (const f of IC_FIELDS) {
    const row = byTarget.get(f.key) ?? null;
    lines.push(
      `${pad(f.key, 32)}${pad(f.label + (f.required || row?.required ? ' *' : ''), 24)}${describeRow(row).replace(/, required$/, '')}`,
    );
  }
  lines.push('* required');
  return lines.join('\n');
}

function issueLines(issues: readonly ValidationIssue[], withRows: boolean): string {
  if (issues.length === 0) return 'No problems found.';
  return issues
    .map(
      (i) =>
        `${i.severity === 'error' ? 'ERROR  ' : 'warning'}  ${withRows && i.row !== undefined ? `Row ${i.row}: ` : ''}${i.message}`,
    )
    .join('\n');
}

/** Runs one `mapping` verb for one biller; returns what to print and the exit code. */
export function runMappingCli(service: MappingService, request: MappingCliRequest): MappingCliOutput {
  const { billerId } = request;
  switch (request.verb) {
    case 'show': {
      const version =
        request.version === undefined ? service.getActive(billerId) : service.getVersion(billerId, request.version);
      const confirmation = service.confirmationStatus(billerId);
      if (request.json) return { exitCode: 0, stdout: json({ version, confirmation }) };
      return { exitCode: 0, stdout: `${header(version)}\n${confirmation.message}\n\n${table(version)}\n` };
    }
    case 'validate': {
      if (request.file) {
        const parsed = parseMappingFile(readFile(request.file));
        if (!parsed.ok) {
          const issues: ValidationIssue[] = parsed.problems.map((message) => ({
            severity: 'error',
            target: '',
            message,
          }));
          return {
            exitCode: 1,
            stdout: request.json ? json({ issues, canSave: false }) : `${issueLines(issues, false)}\n`,
          };
        }
        const issues = service.validate(billerId, parsed.rows);
        const canSave = !hasErrors(issues);
        return {
          exitCode: canSave ? 0 : 1,
          stdout: request.json ? json({ issues, canSave }) : `${issueLines(issues, true)}\n`,
        };
      }
      const active = service.getActive(billerId);
      const issues = service.validate(billerId, active.rows);
      const canSave = !hasErrors(issues);
      if (request.json)
        return { exitCode: canSave ? 0 : 1, stdout: json({ version: active.version, issues, canSave }) };
      return { exitCode: canSave ? 0 : 1, stdout: `Mapping version ${active.version}: ${issueLines(issues, false)}\n` };
    }
    case 'export': {
      const file = service.exportFile(billerId, request.version);
      if (!request.file) return { exitCode: 0, stdout: file.json };
      fs.writeFileSync(request.file, file.json, 'utf8');
      const version = JSON.parse(file.json).version as number;
      return {
        exitCode: 0,
        stdout: request.json
          ? json({ file: path.resolve(request.file), version })
          : `Mapping version ${version} written to ${path.resolve(request.file)}\n`,
      };
    }
    case 'import': {
      if (!request.file) throw new AppError('INVALID_INPUT', 'Name the mapping file to import: mapping import FILE.');
      const result = service.import(billerId, readFile(request.file), request.comment);
      if (request.json) return { exitCode: 0, stdout: json(result) };
      const warnings = result.warnings.length > 0 ? `\n${issueLines(result.warnings, false)}` : '';
      return {
        exitCode: 0,
        stdout: `Imported ${path.basename(request.file)} as mapping version ${result.version.version} (now active).${warnings}\n`,
      };
    }
    case 'history': {
      const versions = service.history(billerId);
      if (request.json) return { exitCode: 0, stdout: json(versions) };
      const lines = versions.map((v) => {
        const confirmed = v.confirmation ? `  [confirmed in CRM by ${v.confirmation.confirmedByName}]` : '';
        return `${header(v)}${confirmed}`;
      });
      return { exitCode: 0, stdout: `${lines.join('\n')}\n` };
    }
  }
}

/** For the CLI's usage text. */
export const MAPPING_CLI_USAGE = `mapping show [--version N]          the active mapping (or version N), with its CRM confirmation
mapping validate [FILE]             check the active mapping, or a mapping file; exit code 1 on errors
mapping export [FILE] [--version N] write the mapping as JSON (to standard output without FILE)
mapping import FILE [--comment C]   import a mapping file as the next version
mapping history                     every version, newest first
All take --biller ID|NAME and --json.`;
