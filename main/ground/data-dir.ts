import os from 'node:os';
import path from 'node:path';

/** `--data-dir`, else IMPRESA_BRIDGE_DATA_DIR, else the same folder Electron's userData would be. */
export function resolveDataDir(flag?: string): string {
  // An empty --data-dir is a mistake (an unset shell variable, say), never "the default".
  if (flag !== undefined) {
    if (!flag.trim())
      throw new Error('--data-dir needs a folder; it was empty. Leave the option out to use the default data folder.');
    return path.resolve(flag);
  }
  if (process.env.IMPRESA_BRIDGE_DATA_DIR) return path.resolve(process.env.IMPRESA_BRIDGE_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Impresa Bridge');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Impresa Bridge');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Impresa Bridge');
}
