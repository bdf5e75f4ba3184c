import { describe, expect, it } from 'vitest';
import { base64ToBytes } from './download';

describe('downloads', () => {
  it('decodes base64 to the exact bytes, including non-text ones', () => {
    expect([...base64ToBytes('JVBERi0=')]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect([...base64ToBytes('AP8=')]).toEqual([0, 255]);
    expect(base64ToBytes('').length).toBe(0);
  });
});
