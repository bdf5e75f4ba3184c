import { describe, expect, it } from 'vitest';
import { isAllowedExternal, isAppNavigation } from './window-policy';

describe('window policy', () => {
  it('opens only https links to allow-listed hosts', () => {
    expect(isAllowedExternal('https://www.invoicecloud.com/portal')).toBe(true);
    expect(isAllowedExternal('https://springfield.atlassian.net/wiki/x')).toBe(true);
    expect(isAllowedExternal('http://www.invoicecloud.com/')).toBe(false);
    expect(isAllowedExternal('https://evil.example/www.invoicecloud.com')).toBe(false);
    expect(isAllowedExternal('https://invoicecloud.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });
  it("hands the support call's dial-in to the phone handler, and nothing else through tel:", () => {
    expect(isAllowedExternal('tel:+13234578333,,448734005#')).toBe(true);
    expect(isAllowedExternal('tel:+1;ext=javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('https://teams.microsoft.com/l/meetup-join/abc')).toBe(true);
  });
  it('keeps navigation on the app page', () => {
    const app = 'file:///C:/Program%20Files/Impresa%20Bridge/resources/app/dist/renderer/index.html';
    expect(isAppNavigation(`${app}#/jobs`, app)).toBe(true);
    expect(isAppNavigation('https://example.com/', app)).toBe(false);
    expect(isAppNavigation('file:///etc/passwd', app)).toBe(false);
  });
});
