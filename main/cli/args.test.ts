import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

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
