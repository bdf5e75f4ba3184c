import { isAppError } from '../../shared/errors';
import type { Core } from '../app/core';
import {
  ConfluenceSimulator,
  SANDBOX_CONFLUENCE_EMAIL,
  SANDBOX_CONFLUENCE_TOKEN,
  SANDBOX_PAGE_ID,
  SANDBOX_SHEET_ID,
  SANDBOX_SMARTSHEET_TOKEN,
  SmartsheetSimulator,
} from './calls-sims';

/**
 * The embedded sandbox's Smartsheet and Confluence: both simulators start with the app, and the
 * sandbox biller's Calls settings point at them (sheet, page, email, tokens), so a new install
 * shows a working sync with no account anywhere. Settings that point elsewhere are left alone.
 */
export async function startCallsSandbox(
  core: Core,
  billerId: string,
): Promise<{ smartsheet: SmartsheetSimulator; confluence: ConfluenceSimulator }> {
  const smartsheet = new SmartsheetSimulator();
  const confluence = new ConfluenceSimulator();
  await smartsheet.start(0);
  await confluence.start(0);
  core.onClose(() => Promise.all([smartsheet.close(), confluence.close()]).then(() => undefined));
  const current = await core.calls.settings(billerId);
  const local = (url: string | null) => url === null || url.startsWith('http://127.0.0.1:');
  const isDefault = current.smartsheetUrl === 'https://api.smartsheet.com/2.0';
  await core.calls.saveSettings(billerId, {
    ...(local(current.smartsheetUrl) || isDefault
      ? { smartsheetUrl: smartsheet.baseUrl, sheetId: current.sheetId ?? String(SANDBOX_SHEET_ID) }
      : {}),
    ...(local(current.confluenceUrl)
      ? {
          confluenceUrl: confluence.siteUrl,
          pageId: current.pageId ?? SANDBOX_PAGE_ID,
          confluenceEmail: current.confluenceEmail ?? SANDBOX_CONFLUENCE_EMAIL,
        }
      : {}),
  });
  try {
    await core.calls.setToken(billerId, 'smartsheet-token', SANDBOX_SMARTSHEET_TOKEN);
    await core.calls.setToken(billerId, 'confluence-token', SANDBOX_CONFLUENCE_TOKEN);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'KEYCHAIN_UNAVAILABLE') throw error;
    core.log.warn(`Embedded sandbox: the Smartsheet and Confluence tokens were not stored. ${error.message}`);
  }
  core.log.info(`Embedded sandbox: Smartsheet at ${smartsheet.baseUrl}, Confluence at ${confluence.siteUrl}`);
  return { smartsheet, confluence };
}
