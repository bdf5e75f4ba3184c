// Builds what the shells run: main entries (ESM, Node), preload (one CommonJS file, as a sandboxed
// preload must be), the browser shim, and the renderer (Vite). Skips parts whose sources are older
// than their last build, so `npm run host` and `npm run cli` start fast.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');

function newest(dirs) {
  let max = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else max = Math.max(max, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  return max;
}

function stale(stamp, dirs) {
  if (force) return true;
  const file = path.join(dist, stamp);
  return !fs.existsSync(file) || fs.statSync(file).mtimeMs < newest(dirs);
}

function touch(stamp) {
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, stamp), new Date().toISOString());
}

const entries = {
  cli: 'main/cli/index.ts',
  host: 'main/host/index.ts',
  start: 'main/start.ts',
  electron: 'main/electron/main.ts',
};
for (const [name, file] of [
  ['sandbox', 'main/sandbox/sandbox.main.ts'],
  ['bench', 'tests/bench/index.ts'],
  ['chaos', 'tests/chaos/index.ts'],
]) {
  if (fs.existsSync(path.join(root, file))) entries[name] = file;
}

const nodeSources = [
  'main',
  'shared',
  'preload',
  'tests/bench',
  'tests/chaos',
  'tests/support',
  'tests/fixtures/specs',
  'package-lock.json',
];
if (stale('.node-stamp', nodeSources)) {
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(root, v)])),
    outdir: path.join(dist, 'main'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await esbuild.build({
    entryPoints: [path.join(root, 'preload/index.ts')],
    outfile: path.join(dist, 'preload/index.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
  await esbuild.build({
    entryPoints: [path.join(root, 'preload/browser-shim.ts')],
    outfile: path.join(dist, 'preload/browser-shim.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome130',
    logLevel: 'warning',
  });
  touch('.node-stamp');
  if (!quiet) console.log('built main, preload and browser shim');
}

if (stale('.renderer-stamp', ['renderer', 'shared', 'package-lock.json'])) {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      quiet ? 'error' : 'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  touch('.renderer-stamp');
  if (!quiet) console.log('built renderer');
}
