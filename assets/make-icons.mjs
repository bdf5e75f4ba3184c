// Makes every icon the installers and the tray need from one source image, assets/icon.png:
//   icon.ico                 Windows: 16, 24, 32, 48, 64, 128 and 256 px in one file (installer, exe, shortcuts)
//   icon.icns                macOS (PM laptops)
//   icons/NxN.png            Linux: the sizes desktop environments look for
//   tray/tray-<state>.png    the tray icon per job health (ok, running, failing, paused), 16 px,
//   tray/tray-<state>@2x.png and 32 px for high-DPI screens; tray-<state>.ico carries 16, 24 and 32 for Windows
// Run: `npm run icons` (writes into assets/). No image here is drawn by hand: change icon.png and rerun.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jimp, ResizeStrategy } from 'jimp';
import pngToIco from 'png-to-ico';
import png2icons from 'png2icons';

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
export const TRAY_STATES = ['ok', 'running', 'failing', 'paused'];

/** The badge colour per state (Fluent's palette: green, teal, red, grey; teal because the icon itself is blue). */
const BADGE = { ok: 0x107c10ff, running: 0x00b7c3ff, failing: 0xc50f1fff, paused: 0x8a8886ff };

async function resized(source, size) {
  const image = source.clone();
  image.resize({ w: size, h: size, mode: ResizeStrategy.BICUBIC });
  return image;
}

/** The icon with a filled circle in the bottom-right corner, ringed in white so it reads on dark and light taskbars. */
async function badged(source, size, state) {
  const image = await resized(source, size);
  const r = Math.max(3, Math.round(size * 0.22));
  const cx = size - r - 0.5;
  const cy = size - r - 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= r - 1) image.setPixelColor(BADGE[state], x, y);
      else if (d <= r) image.setPixelColor(0xffffffff, x, y);
    }
  }
  return image;
}

const png = (image) => image.getBuffer('image/png');

/** Writes every icon into `outDir`; returns the relative paths written. */
export async function makeIcons(sourceFile, outDir) {
  const sourceBytes = await readFile(sourceFile);
  const source = await Jimp.read(sourceBytes);
  if (source.width !== source.height)
    throw new Error(`${sourceFile} must be square; it is ${source.width}×${source.height}.`);
  const written = [];
  const write = async (rel, bytes) => {
    await mkdir(path.dirname(path.join(outDir, rel)), { recursive: true });
    await writeFile(path.join(outDir, rel), bytes);
    written.push(rel);
  };

  const icoPngs = await Promise.all(ICO_SIZES.map(async (s) => png(await resized(source, s))));
  await write('icon.ico', await pngToIco(icoPngs));
  // png2icons scales the source itself to every ICNS size (16 to 1024).
  const icns = png2icons.createICNS(sourceBytes, png2icons.BICUBIC, 0);
  if (!icns) throw new Error('png2icons could not make the macOS icon.');
  await write('icon.icns', icns);
  for (const s of LINUX_SIZES) await write(`icons/${s}x${s}.png`, await png(await resized(source, s)));
  for (const state of TRAY_STATES) {
    await write(`tray/tray-${state}.png`, await png(await badged(source, 16, state)));
    await write(`tray/tray-${state}@2x.png`, await png(await badged(source, 32, state)));
    await write(
      `tray/tray-${state}.ico`,
      await pngToIco(await Promise.all([16, 24, 32].map(async (s) => png(await badged(source, s, state))))),
    );
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const written = await makeIcons(path.join(here, 'icon.png'), here);
  console.log(`Wrote ${written.length} icons into assets/.`);
}
