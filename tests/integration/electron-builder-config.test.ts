import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/electron/app-id';
import { ROOT, tempDataDir } from '../support/temp';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string | null, extra: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = string | { target: string };
const targetNames = (t: Target | Target[] | undefined): string[] =>
  t === undefined ? [] : (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : x.target));

/** The parts of the loaded configuration these tests read. */
interface BuilderConfig {
  appId: string;
  directories: { buildResources: string };
  files: Array<string | { filter: string[] }>;
  publish: unknown;
  win: { target: Target[]; icon: string; artifactName: string };
  nsis: { perMachine: boolean; uninstallDisplayName: string; installerIcon: string; uninstallerIcon: string };
  mac: { target: Target; icon: string };
  linux: { target: Target[]; icon: string };
}

async function config(): Promise<BuilderConfig> {
  return (await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null)) as unknown as BuilderConfig;
}

/** The ICO directory: one (width, height) per image; 0 means 256. */
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(2)).toBe(1); // type 1 = icon
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => bytes[6 + i * 16] || 256);
}

function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    const c = await config();
    await expect(validateConfiguration(c, new DebugLogger(false))).resolves.toBeUndefined();
    expect(c.appId).toBe('com.impresabridge.desktop');
  });

  it("is the Windows AppUserModelId the app sets, so notifications and the taskbar group under the installer's app", async () => {
    expect((await config()).appId).toBe(APP_ID);
  });

  it('is really checked: an unknown key is refused', async () => {
    const c = await config();
    await expect(validateConfiguration({ ...c, wnidows: { target: 'nsis' } }, new DebugLogger(false))).rejects.toThrow(
      /wnidows/,
    );
  });

  it('builds a per-user NSIS installer with version and publisher, a dmg, an AppImage and a deb', async () => {
    const c = await config();
    expect(targetNames(c.win.target)).toEqual(['nsis']);
    expect(c.nsis).toMatchObject({ perMachine: false, allowElevation: false, oneClick: false });
    expect(c.nsis.uninstallDisplayName).toContain('${version}');
    expect(c.win.artifactName).toContain('${version}');
    // NSIS writes package.json's author as the Publisher in Windows' installed-apps list.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      author?: { name?: string };
      version: string;
    };
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(targetNames(c.mac.target)).toEqual(['dmg']);
    expect(targetNames(c.linux.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('publishes to a generic update server whose address is given at build time', async () => {
    const c = await config();
    expect(c.publish).toMatchObject({ provider: 'generic', url: '${env.IMPRESA_BRIDGE_UPDATE_URL}' });
  });

  it('names only files that exist', async () => {
    const c = await config();
    const named = [
      c.win.icon,
      c.nsis.installerIcon,
      c.nsis.uninstallerIcon,
      c.mac.icon,
      c.linux.icon,
      c.directories.buildResources,
    ];
    for (const rel of named)
      expect(fs.existsSync(path.join(ROOT, rel)), `${rel} named in electron-builder.yml`).toBe(true);
    // Every packaged glob that is not an exclusion matches something once the app is built (dist/ is built by the runner first).
    // getConfig normalizes `files` into one `{ filter: [...] }` set.
    const globs = c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter)).filter((g) => !g.startsWith('!'));
    expect(globs).toContain('dist/main/**');
    for (const g of globs) {
      const base = g.replace(/\/\*\*$/, '');
      const exists = fs.existsSync(path.join(ROOT, base));
      expect(exists || base.startsWith('dist/'), `${g} in files`).toBe(true);
    }
    // The Linux icon folder holds the NxN.png files desktop environments look for.
    const linux = fs.readdirSync(path.join(ROOT, c.linux.icon));
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(linux).toContain(`${s}x${s}.png`);
    // The app's main entry is what the build writes.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron.js');
    expect(fs.readFileSync(path.join(ROOT, 'main/build.mjs'), 'utf8')).toContain("electron: 'main/electron/main.ts'");
  });
});

describe('the icons (assets/make-icons.mjs)', () => {
  it('are exactly what the script makes from assets/icon.png: no icon is drawn by hand', async () => {
    const { dir, cleanup } = tempDataDir('ib-icons-');
    try {
      const script = (await import(path.join(ROOT, 'assets/make-icons.mjs'))) as {
        makeIcons(src: string, out: string): Promise<string[]>;
      };
      const written = await script.makeIcons(path.join(ROOT, 'assets/icon.png'), dir);
      expect(written.length).toBe(2 + 7 + 4 * 3);
      for (const rel of written)
        expect(
          fs.readFileSync(path.join(dir, rel)).equals(fs.readFileSync(path.join(ROOT, 'assets', rel))),
          `assets/${rel} is stale: run npm run icons`,
        ).toBe(true);
    } finally {
      cleanup();
    }
  }, 30_000);

  it('hold a Windows .ico from 16 to 256 px, a macOS .icns, Linux PNGs and a tray icon per job health', () => {
    expect(icoSizes(fs.readFileSync(path.join(ROOT, 'assets/icon.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(fs.readFileSync(path.join(ROOT, 'assets/icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    expect(pngSize(fs.readFileSync(path.join(ROOT, 'assets/icons/512x512.png')))).toEqual([512, 512]);
    for (const state of ['ok', 'running', 'failing', 'paused']) {
      expect(pngSize(fs.readFileSync(path.join(ROOT, `assets/tray/tray-${state}.png`)))).toEqual([16, 16]);
      expect(pngSize(fs.readFileSync(path.join(ROOT, `assets/tray/tray-${state}@2x.png`)))).toEqual([32, 32]);
      expect(icoSizes(fs.readFileSync(path.join(ROOT, `assets/tray/tray-${state}.ico`)))).toEqual([16, 24, 32]);
    }
  });
});
