import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The OS account's full name ("Maria Lopez" for `mlopez`), for the audit log's "who". Each OS keeps
 * it somewhere else; every lookup is short, bounded by a timeout, and answers null when the OS has
 * no name for the account (the caller then shows the account name).
 */

/** Runs a program (no shell) and answers its standard output; throws on failure or timeout. */
export type CommandRunner = (file: string, args: string[], timeoutMs: number) => string;
export type AsyncCommandRunner = (file: string, args: string[], timeoutMs: number) => Promise<string>;

export const LOOKUP_TIMEOUT_MS = 4000;

const clean = (name: string | undefined): string | null => {
  const t = name?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/**
 * One passwd line (`getent passwd mlopez` or a line of /etc/passwd): the GECOS field's first
 * comma-separated part is the full name; `&` in it stands for the capitalized account name.
 */
export function parsePasswdLine(line: string, username: string): string | null {
  const fields = line.trim().split(':');
  if (fields.length < 5 || fields[0] !== username) return null;
  const full = fields[4]!.split(',')[0]!.replace(/&/g, username.charAt(0).toUpperCase() + username.slice(1));
  return clean(full);
}

/** /etc/passwd's content: the account's line, then its GECOS name. */
export function parsePasswdFile(content: string, username: string): string | null {
  const line = content.split(/\r?\n/).find((l) => l.startsWith(`${username}:`));
  return line === undefined ? null : parsePasswdLine(line, username);
}

/** macOS `id -F`: the full name alone on one line. */
export function parseIdF(stdout: string): string | null {
  return clean(stdout.split(/\r?\n/).find((l) => l.trim() !== ''));
}

/** Windows `net user <name>` (English Windows): the `Full Name` line's value. */
export function parseNetUser(stdout: string): string | null {
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^Full Name\s+(.*)$/.exec(line);
    if (m) return clean(m[1]);
  }
  return null;
}

/** PowerShell printing the ADSI account's FullName: that value alone (empty when the account has none). */
export function parsePowerShellFullName(stdout: string): string | null {
  return parseIdF(stdout);
}

/** The account's full name from the user database itself, for any language of Windows and for domain accounts. */
const POWERSHELL_FULL_NAME = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  // The account comes from the process's own environment, never from text pasted into the command.
  "[Console]::OutputEncoding = [Text.Encoding]::UTF8; ([adsi]('WinNT://' + $env:USERDOMAIN + '/' + $env:USERNAME + ',user')).FullName",
];

export const runCommandSync: CommandRunner = (file, args, timeoutMs) =>
  execFileSync(file, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });

export const runCommand: AsyncCommandRunner = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: timeoutMs, windowsHide: true }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

/**
 * Linux and macOS answer in milliseconds (a passwd lookup, `id -F`), so this is read once,
 * synchronously, at start. Windows answers null here: its lookup starts PowerShell, see fullNameWindows.
 */
export function fullNameSync(
  username: string,
  platform: NodeJS.Platform = process.platform,
  run: CommandRunner = runCommandSync,
  readPasswd: () => string = () => fs.readFileSync('/etc/passwd', 'utf8'),
): string | null {
  const attempt = (fn: () => string | null): string | null => {
    try {
      return fn();
    } catch {
      return null;
    }
  };
  if (platform === 'darwin') return attempt(() => parseIdF(run('id', ['-F', username], LOOKUP_TIMEOUT_MS)));
  if (platform === 'win32') return null;
  // getent also sees directory accounts (LDAP, SSSD); /etc/passwd is there when getent is not.
  return (
    attempt(() => parsePasswdLine(run('getent', ['passwd', username], LOOKUP_TIMEOUT_MS), username)) ??
    attempt(() => parsePasswdFile(readPasswd(), username))
  );
}

/**
 * Windows: PowerShell reading the account through ADSI (local or domain), then `net user` (English
 * output only). Started once, in the background: PowerShell takes a second or more to start.
 */
export async function fullNameWindows(username: string, run: AsyncCommandRunner = runCommand): Promise<string | null> {
  try {
    const name = parsePowerShellFullName(await run('powershell.exe', POWERSHELL_FULL_NAME, LOOKUP_TIMEOUT_MS));
    if (name) return name;
  } catch {
    // Fall through to net user.
  }
  try {
    return parseNetUser(await run('net', ['user', username], LOOKUP_TIMEOUT_MS));
  } catch {
    return null;
  }
}
