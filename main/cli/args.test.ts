import { describe, expect, it } from 'vitest';
import { closestFlag, parseArgs, unknownFlagMessage } from './args';

describe('parseArgs', () => {
  it('reads positionals, valued flags, = flags and boolean flags', () => {
    expect(parseArgs(['billers', 'add', '--name', 'A B', '--json', '--posting-mode=live'])).toEqual({
      positionals: ['billers', 'add'],
      flags: { name: 'A B', json: true, 'posting-mode': 'live' },
    });
  });
  it('says which option lacks its value', () => {
    expect(() => parseArgs(['billers', 'add', '--name'])).toThrow('--name needs a value');
  });
});

describe('unknown options', () => {
  const declared = ['name', 'impresa-url', 'impresa-user', 'impresa-password', 'posting-mode', 'yes'];

  it('names an unknown option, never its value, and suggests the close one', () => {
    const message = unknownFlagMessage(
      parseArgs(['billers', 'add', '--impresa-pass', 'hunter22']),
      'billers add',
      declared,
    );
    expect(message).toBe(
      '"billers add" has no option --impresa-pass (no such option). Did you mean --impresa-password? Run "npm run cli -- billers add --help" to see its options.',
    );
    expect(message).not.toContain('hunter22');
    expect(unknownFlagMessage(parseArgs(['--postng-mode', 'live']), 'billers add', declared)).toMatch(
      /--postng-mode \(no such option\)\. Did you mean --posting-mode\?/,
    );
  });

  it('offers no guess when nothing is close, and accepts declared and global options', () => {
    expect(unknownFlagMessage(parseArgs(['--colour', 'red']), 'billers add', declared)).toBe(
      '"billers add" has no option --colour (no such option). Run "npm run cli -- billers add --help" to see its options.',
    );
    expect(
      unknownFlagMessage(
        parseArgs(['--name', 'A', '--yes', '--json', '--data-dir', '/tmp/x']),
        'billers add',
        declared,
      ),
    ).toBeNull();
  });

  it('picks the nearest of several candidates', () => {
    expect(closestFlag('biler', ['biller', 'billers-guid'])).toBe('biller');
    expect(closestFlag('jason', ['json', 'data-dir'])).toBe('json');
    expect(closestFlag('x', ['json', 'yes'])).toBeUndefined();
  });
});
