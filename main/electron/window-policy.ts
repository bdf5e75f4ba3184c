/**
 * Where the app's window may go. Pure so it can be tested without Electron: navigation stays on
 * the app's own page; external links open in the OS browser only for these hosts.
 */
export const EXTERNAL_LINK_ALLOWLIST = [
  'www.invoicecloud.com',
  'app.smartsheet.com',
  'atlassian.net',
  'teams.microsoft.com',
] as const;

export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // The support call's dial-in ("Join by phone"): handed to the system phone handler.
  if (url.protocol === 'tel:') return /^tel:\+?[0-9][0-9,#*]*$/.test(raw);
  if (url.protocol !== 'https:') return false;
  return EXTERNAL_LINK_ALLOWLIST.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

/** The renderer is loaded from a file; any navigation away from it is refused. */
export function isAppNavigation(target: string, appUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
