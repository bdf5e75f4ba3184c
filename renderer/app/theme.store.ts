import { create } from 'zustand';
import { resolveTheme, type Theme, type ThemePreference } from '../../shared/domain/theme';
import { api } from './api';
import { useEvent } from './use-event';

/**
 * Light or dark. The preference is main's (desktop:preferences); "system" follows
 * `prefers-color-scheme`, which in Electron follows nativeTheme (main sets its themeSource).
 */
interface ThemeState {
  preference: ThemePreference;
  systemDark: boolean;
  theme: Theme;
  setPreference(p: ThemePreference): void;
}

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export const useTheme = create<ThemeState>((set, get) => ({
  preference: 'system',
  systemDark: media?.matches ?? false,
  theme: resolveTheme('system', media?.matches ?? false),
  setPreference(preference) {
    set({ preference, theme: resolveTheme(preference, get().systemDark) });
  },
}));

/** Follows the OS's scheme and main's current preference from now on (main.tsx calls it once). */
export function startThemeSync(): void {
  media?.addEventListener('change', (e) =>
    useTheme.setState((s) => ({ systemDark: e.matches, theme: resolveTheme(s.preference, e.matches) })),
  );
  void api.desktop
    .preferences()
    .then((p) => useTheme.getState().setPreference(p.theme))
    .catch(() => undefined);
}

/** Follows main's preference as it changes: mounted once, at the root (StoreEvents). */
export function useThemeEvents(): void {
  useEvent('desktop:preferences', (p) => useTheme.getState().setPreference(p.theme));
}
