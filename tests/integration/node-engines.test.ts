import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/temp';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { engines?: { node?: string } | string[]; optional?: boolean; os?: string[]; cpu?: string[] }
  >;
};

/** Electron's own tooling wants Node 22.12+; it only runs where the desktop shell is packaged or run (README, "Node versions"). */
const ELECTRON_TOOLING = [
  'node_modules/electron',
  'node_modules/@electron/get',
  'node_modules/@electron/rebuild',
  'node_modules/@electron/rebuild/node_modules/node-abi',
  'node_modules/@electron-internal/extract-zip',
];

/** Every installed package's Node range (platform-specific optional binaries, and engines written as a list, left out). */
function ranges(): Array<[string, string]> {
  return Object.entries(lock.packages)
    .filter(
      ([name, p]) =>
        name && p.engines && !Array.isArray(p.engines) && p.engines.node && !(p.optional && (p.os || p.cpu)),
    )
    .map(([name, p]) => [name, (p.engines as { node: string }).node]);
}

describe('package.json engines agree with the dependencies', () => {
  const ours = pkg.engines.node;

  it('every dependency accepts the lowest versions engines allows (Electron tooling: from Node 22)', () => {
    for (const low of ['20.19.0', '22.13.0', '24.0.0']) {
      expect(semver.satisfies(low, ours), `${low} in ${ours}`).toBe(true);
      const refusing = ranges().filter(
        ([name, range]) =>
          !semver.satisfies(low, range) && !(semver.major(low) === 20 && ELECTRON_TOOLING.includes(name)),
      );
      expect(refusing, `on Node ${low}`).toEqual([]);
    }
  });

  it('engines allows no version some dependency refuses', () => {
    for (const tooLow of ['20.11.0', '20.18.0', '22.0.0', '22.12.0', '21.7.0']) {
      expect(semver.satisfies(tooLow, ours), `${tooLow} must be outside ${ours}`).toBe(false);
      expect(ranges().some(([, range]) => !semver.satisfies(tooLow, range)) || semver.major(tooLow) === 21).toBe(true);
    }
  });

  it("on Node 20 the only warnings are Electron's tooling, as the README says", () => {
    const warned = ranges()
      .filter(([, range]) => !semver.satisfies('20.19.0', range))
      .map(([name]) => name);
    expect(warned.sort()).toEqual([...ELECTRON_TOOLING].sort());
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`${ours}\``);
  });
});
