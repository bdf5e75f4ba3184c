import Conf from 'conf';

/**
 * UI preferences only (window bounds, last screen, column widths). Never secrets, never
 * business data. electron-store in Electron, `conf` (its base) under Node: same file format.
 */
export interface Settings {
  get<T>(key: string, fallback: T): T;
  set(key: string, value: unknown): void;
}

export class ConfSettings implements Settings {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(dataDir: string) {
    this.conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'preferences',
      projectName: 'impresa-bridge',
    });
  }

  get<T>(key: string, fallback: T): T {
    return (this.conf.get(key) as T | undefined) ?? fallback;
  }

  set(key: string, value: unknown): void {
    this.conf.set(key, value);
  }
}
