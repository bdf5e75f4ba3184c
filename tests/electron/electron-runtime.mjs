// Prints the Electron binary's path and exits 0 when it is on disk; exits 1 (printing nothing) when
// it is not. Never downloads: `require('electron')` would try to, so this reads path.txt itself.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
try {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const bin = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
  if (!fs.existsSync(bin)) process.exit(1);
  console.log(bin);
} catch {
  process.exit(1);
}
