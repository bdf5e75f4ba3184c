import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/**
 * Secret values this process has seen (from the keychain or the environment). Every log line and
 * every error message that leaves a client passes through `redact` first.
 */
/** A GUID in any of the spellings .NET and people use: any case, with or without braces or hyphens. */
const GUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

export class Redactor {
  private readonly secrets = new Set<string>();
  /**
   * Secrets that are GUIDs (InvoiceCloud's web service key): IC and people write the same key as
   * {ABCD…}, abcd… or without hyphens, so an exact match alone would let a copy through.
   */
  private readonly guids = new Map<string, RegExp>();

  add(value: string | null | undefined): void {
    if (!value || value.length < 4) return;
    this.secrets.add(value);
    const guid = GUID.exec(value.trim());
    if (guid) {
      const parts = guid.slice(1, 6);
      this.guids.set(parts.join('').toLowerCase(), new RegExp(`\\{?${parts.join('-?')}\\}?`, 'gi'));
    }
  }

  redact(text: string): string {
    let out = text;
    // GUIDs first, so a braced copy goes whole rather than leaving "{[redacted]}".
    for (const pattern of this.guids.values()) out = out.replace(pattern, '[redacted]');
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    // Belt and braces: a WebServiceKey element is never logged whatever its value.
    return out.replace(/(<(?:\w+:)?WebServiceKey>)[^<]*(<\/)/gi, '$1[redacted]$2');
  }
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}${detail.stack ? `\n${detail.stack}` : ''}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

/** A plain-Node log file with size rotation (main.log → main.old.log), used outside Electron too. */
export class FileLogger implements Logger {
  private readonly file: string;

  constructor(
    dir: string,
    private readonly redactor: Redactor,
    private readonly options: { maxBytes?: number; echo?: boolean } = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'main.log');
  }

  private write(level: LogLevel, message: string, detail?: unknown): void {
    const line = this.redactor.redact(`${new Date().toISOString()} [${level}] ${message}${describe(detail)}`) + '\n';
    try {
      const max = this.options.maxBytes ?? 5 * 1024 * 1024;
      if (fs.existsSync(this.file) && fs.statSync(this.file).size > max) {
        fs.renameSync(this.file, this.file.replace(/\.log$/, '.old.log'));
      }
      fs.appendFileSync(this.file, line);
    } catch {
      // Logging must never take the app down.
    }
    if (this.options.echo && (level === 'warn' || level === 'error')) process.stderr.write(line);
  }

  debug(m: string, d?: unknown) {
    this.write('debug', m, d);
  }
  info(m: string, d?: unknown) {
    this.write('info', m, d);
  }
  warn(m: string, d?: unknown) {
    this.write('warn', m, d);
  }
  error(m: string, d?: unknown) {
    this.write('error', m, d);
  }
}

/**
 * Any other log sink (Electron's electron-log) behind the same redaction as FileLogger: the sink
 * receives only finished, redacted lines.
 */
export function redactingLogger(redactor: Redactor, sink: (level: LogLevel, line: string) => void): Logger {
  const write = (level: LogLevel, m: string, d?: unknown) => sink(level, redactor.redact(`${m}${describe(d)}`));
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** Collects lines in memory: for tests that check what was (not) logged. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  constructor(private readonly redactor = new Redactor()) {}
  private push(level: LogLevel, m: string, d?: unknown) {
    this.lines.push(this.redactor.redact(`[${level}] ${m}${describe(d)}`));
  }
  debug(m: string, d?: unknown) {
    this.push('debug', m, d);
  }
  info(m: string, d?: unknown) {
    this.push('info', m, d);
  }
  warn(m: string, d?: unknown) {
    this.push('warn', m, d);
  }
  error(m: string, d?: unknown) {
    this.push('error', m, d);
  }
}
