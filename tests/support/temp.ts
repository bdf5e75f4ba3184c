import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh data directory per test; removed by the returned cleanup. */
export function tempDataDir(prefix = 'ib-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under a folder, as raw bytes: to prove a secret was written nowhere. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (p: string) => {
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.readFileSync(full).includes(Buffer.from(needle))) hits.push(full);
    }
  };
  walk(dir);
  return hits;
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Tests that need the keychain fail loudly without one, with the way to get one. */
export function requireSecretService(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'This test needs the OS keychain: no D-Bus session is running (Cannot autolaunch D-Bus without X11 $DISPLAY). Run it through "npm test", which starts a private gnome-keyring, or wrap it with tests/with-keyring.sh.',
    );
  }
}

export function requireBuild(): void {
  for (const f of [
    'dist/main/host.js',
    'dist/main/cli.js',
    'dist/renderer/index.html',
    'dist/preload/browser-shim.js',
  ]) {
    if (!fs.existsSync(path.join(ROOT, f)))
      throw new Error(`${f} is missing: run "npm run build" first (npm test does).`);
  }
}
