import { describe, expect, it } from 'vitest';
import { redactingLogger, Redactor } from './logger';

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
