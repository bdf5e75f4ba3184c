/** A biller's fields as a PM would enter them, for tests that never call the services behind them. */
export const springfieldFields = {
  name: 'Springfield Water',
  timeZone: 'America/New_York',
  billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  invoiceTypeId: 12,
  invoiceFormatGuid: null,
  icHost: 'https://www.invoicecloud.com',
  impresaUrl: 'https://impresa.springfield.gov/api',
  impresaUser: 'icbridge',
  postingMode: 'pending' as const,
  livePostingUser: 'IC Clerk',
  isJobHost: false,
};
