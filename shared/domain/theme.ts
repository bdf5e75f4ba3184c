import * as z from 'zod';

/** The person's choice: follow the operating system, or force light or dark. */
export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.output<typeof themePreferenceSchema>;
export type Theme = 'light' | 'dark';

/**
 * The theme to draw. In Electron main sets nativeTheme.themeSource to the preference, which also
 * drives `prefers-color-scheme` in the window; in the browser host the media query is the browser's.
 */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}
