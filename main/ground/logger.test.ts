import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLogger, Redactor, redactingLogger } from './logger';

const KEY = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('Redactor', () => {
  it('hides an InvoiceCloud key however it is spelled: any case, braces, no hyphens', () => {
    const r = new Redactor();
    r.add(KEY);
    const spellings = [
      KEY,
      KEY.toUpperCase(),
      `{${KEY}}`,
      `{${KEY.toUpperCase()}}`,
      KEY.replace(/-/g, ''),
      '3F2504E0-4f89-41D3-9a0c-0305E82C3301',
    ];
    for (const spelling of spellings) {
      expect(r.redact(`IC said the key ${spelling} is not valid.`)).toBe('IC said the key [redacted] is not valid.');
    }
    expect(r.redact(`a=${KEY.toUpperCase()}&b={${KEY}}`)).toBe('a=[redacted]&b=[redacted]');
  });

  it('learns the GUID from any spelling it was given, and leaves other GUIDs alone', () => {
    const r = new Redactor();
    r.add(`{${KEY.toUpperCase()}}`);
    expect(r.redact(`key ${KEY}`)).toBe('key [redacted]');
    const other = '3f2504e0-4f89-41d3-9a0c-0305e82c3302';
    expect(r.redact(`biller ${other}`)).toBe(`biller ${other}`);
  });

  it('still matches other secrets exactly (a password is case-sensitive)', () => {
    const r = new Redactor();
    r.add('Sandbox-Pass1');
    expect(r.redact('pw Sandbox-Pass1 / sandbox-pass1')).toBe('pw [redacted] / sandbox-pass1');
  });

  it('keeps every spelling out of the log file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-log-'));
    try {
      const r = new Redactor();
      r.add(KEY);
      new FileLogger(dir, r).warn(
        `InvoiceCloud rejected {${KEY.toUpperCase()}}`,
        new Error(`key ${KEY.replace(/-/g, '')}`),
      );
      const text = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
      expect(text).toContain('InvoiceCloud rejected [redacted]');
      expect(text.toLowerCase()).not.toContain(KEY.replace(/-/g, '').slice(0, 8));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redactingLogger (the Electron log sink)', () => {
  it('hands the sink only redacted lines, message and detail alike, with the level', () => {
    const redactor = new Redactor();
    const lines: Array<[string, string]> = [];
    const log = redactingLogger(redactor, (level, line) => lines.push([level, line]));
    redactor.add('hunter22-secret');
    log.info('signed in with hunter22-secret');
    log.error('IC call failed', new Error('fault for key hunter22-secret'));
    log.warn('request', { body: '<WebServiceKey>abc-123</WebServiceKey>' });
    expect(lines.map(([level]) => level)).toEqual(['info', 'error', 'warn']);
    expect(lines.map(([, line]) => line).join('\n')).not.toMatch(/hunter22-secret|abc-123/);
    expect(lines[0]![1]).toBe('signed in with [redacted]');
    expect(lines[1]![1]).toMatch(/^IC call failed Error: fault for key \[redacted\]/);
    expect(lines[2]![1]).toContain('<WebServiceKey>[redacted]</WebServiceKey>');
  });
});
