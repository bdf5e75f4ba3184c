import type { Command } from './command';

/** What each option means, the same in every command that takes it (for `<domain> <verb> --help`). */
export const FLAG_HELP: Record<string, string> = {
  biller: 'the biller, by id or name (may be left out while only one biller exists)',
  json: 'print the result as JSON',
  'data-dir': "the data folder (default: the app's own, or IMPRESA_BRIDGE_DATA_DIR)",
  help: 'print this help',
  name: "the biller's name",
  'time-zone': "the biller's IANA time zone, e.g. America/Chicago (default: this computer's)",
  'biller-guid': 'the InvoiceCloud biller GUID',
  'invoice-type-id': 'the InvoiceCloud invoice type ID, a whole number in digits',
  'invoice-format-guid': "the invoice format GUID (empty until InvoiceCloud's Track 70 setup step gives it)",
  'ic-host': 'the InvoiceCloud address (default https://www.invoicecloud.com)',
  'impresa-url': 'the InHANCE Impresa endpoint URL',
  'impresa-user': 'the InHANCE Impresa user name',
  'posting-mode': 'pending (clerks post from the queue) or live (posted at once by the live-posting user)',
  'live-posting-user': 'the InHANCE user live posts are made as (default IC Clerk)',
  'job-host': "yes or no: whether this installation runs the biller's scheduled jobs",
  'secrets-stdin': 'read {"webServiceKey": "…", "impresaPassword": "…"} as JSON from standard input',
  'web-service-key': 'refused: secrets are never arguments (use the environment or --secrets-stdin)',
  'impresa-password': 'refused: secrets are never arguments (use the environment or --secrets-stdin)',
  password: 'refused: secrets are never arguments',
  key: 'refused: secrets are never arguments',
  yes: 'confirm a removal',
  first: 'the first email notification date: off, on bill, on due, or N before|after bill|due',
  second: 'the second email notification date (same words as --first)',
  third: 'the third email notification date (same words as --first)',
  'pdf-linking': 'yes or no: whether the invoice file carries the bill PDF link',
  reset: 'put every Invoice File setting back to its default',
  job: 'a job: invoice-file, balance, balance-all, customer, auto-pay or payments',
  'dry-run': 'read and compare, write nothing',
  force: 'run even if paused or a run is recent',
  limit: 'how many runs to show, 1 to 500 (default 20)',
  reason: 'why the job is paused (shown on its card)',
  'only-when-reachable':
    'yes: skip a slot while the InvoiceCloud host or the InHANCE URL does not answer, then catch up once; no: always run',
  'time-limit': 'minutes a run may take before it is stopped at a page boundary (1–1440), or none',
  retries: 'how many times a failed run is retried (0–10; 0 turns retries off)',
  'retry-interval': 'seconds before the first retry (5–3600); later retries wait longer',
  version: 'a saved mapping version number',
  comment: 'a note saved with the imported version',
  tab: 'ready or exceptions',
  search: 'an account number, name or amount to filter by',
  date: "the biller's day, YYYY-MM-DD (default today)",
  format: 'csv or pdf (default pdf)',
  out: "the file to write, in an existing folder (default: the report's own name in the current folder)",
};

/** One example per command, run as written against a data folder with one biller. */
export const EXAMPLES: Record<string, string> = {
  'billers list': 'npm run cli -- billers list --json',
  'billers show': 'npm run cli -- billers show --biller "Shelbyville Power"',
  'billers add':
    'IMPRESA_BRIDGE_WEB_SERVICE_KEY=… IMPRESA_BRIDGE_IMPRESA_PASSWORD=… npm run cli -- billers add --name "Shelbyville Power" --biller-guid 1b4e28ba-2fa1-11d2-883f-0016d3cca427 --invoice-type-id 3 --impresa-url https://impresa.shelbyville.gov --impresa-user bridge --posting-mode pending --time-zone America/Chicago --job-host yes',
  'billers update': 'npm run cli -- billers update --biller "Shelbyville Power" --posting-mode live',
  'billers remove': 'npm run cli -- billers remove --biller "Shelbyville Power" --yes',
  'billers invoice-file':
    'npm run cli -- billers invoice-file --biller "Shelbyville Power" --second "5 before due" --pdf-linking no',
  'ic view-invoice': 'npm run cli -- ic view-invoice 2503-0000006 --biller "Shelbyville Power"',
  'ic view-customer': 'npm run cli -- ic view-customer 0000006-03 --biller "Shelbyville Power"',
  'jobs list': 'npm run cli -- jobs list',
  'jobs run': 'npm run cli -- jobs run balance --dry-run',
  'jobs history': 'npm run cli -- jobs history --job payments --limit 10',
  'jobs pause': 'npm run cli -- jobs pause customer --reason "CRM conversion weekend"',
  'jobs resume': 'npm run cli -- jobs resume customer',
  'jobs options':
    'npm run cli -- jobs options balance --only-when-reachable yes --time-limit 30 --retries 2 --retry-interval 60',
  'mapping show': 'npm run cli -- mapping show --version 2',
  'mapping validate': 'npm run cli -- mapping validate mapping.json',
  'mapping export': 'npm run cli -- mapping export mapping.json',
  'mapping import': 'npm run cli -- mapping import mapping.json --comment "Phone from CRM"',
  'mapping history': 'npm run cli -- mapping history',
  'payments pending': 'npm run cli -- payments pending --tab exceptions',
  'payments post': 'npm run cli -- payments post e-000123 e-000124',
  'payments report': 'npm run cli -- payments report --date 2025-03-03 --format csv --out report-2025-03-03.csv',
  'payments run': 'npm run cli -- payments run --dry-run',
  'ledger check': 'npm run cli -- ledger check',
};

/** `npm run cli -- <domain> <verb> --help`: the command's usage, what it does, its options and an example. */
export function commandHelp(command: Command): string {
  const name = `${command.domain} ${command.verb}`;
  const options = [...command.flags, 'json', 'data-dir', 'help'].filter((f, i, all) => all.indexOf(f) === i);
  const width = Math.max(...options.map((f) => f.length)) + 4;
  return [
    `Usage: npm run cli -- ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...options.map((f) => `  ${`--${f}`.padEnd(width)} ${FLAG_HELP[f] ?? ''}`.trimEnd()),
    '',
    'Example:',
    `  ${EXAMPLES[name] ?? `npm run cli -- ${name}`}`,
  ].join('\n');
}
