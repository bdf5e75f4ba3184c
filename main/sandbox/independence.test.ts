import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The simulators test the clients, so they share no code with them: a bug in a client's
 * serialization must fail a test, not sit on both sides of the wire (README.md, "Files").
 */
const SANDBOX = path.resolve(__dirname);
const CLIENTS = path.resolve(__dirname, '../clients');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g))
    found.push(m[1]!);
  return found;
}

describe('the sandbox stands apart from the clients', () => {
  it('imports nothing under main/clients/', () => {
    const files = sources(SANDBOX);
    expect(files.length).toBeGreaterThan(20);
    // The scan sees real imports (so an empty answer below means something).
    expect(importsOf(path.join(SANDBOX, 'soap.ts'))).toContain('./xml');
    const crossing = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => {
          const target = path.resolve(path.dirname(file), spec);
          return target === CLIENTS || target.startsWith(`${CLIENTS}${path.sep}`);
        })
        .map((spec) => `${path.relative(SANDBOX, file)} imports ${spec}`),
    );
    expect(crossing).toEqual([]);
  });
});
