import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { renderPdf } from './pdf';
import { parseSandboxArgs } from './sandbox.commands';

let sandbox: Sandbox;
/** Raw HTTP to the simulators: the status, the headers and the body as text, whatever the status. */
async function exchange(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, headers: Object.fromEntries(res.headers), data: await res.text() };
}
const http = {
  get: (url: string) => exchange(url),
  post: (url: string, body: string, options: { headers?: Record<string, string> } = {}) =>
    exchange(url, { method: 'POST', body, ...(options.headers ? { headers: options.headers } : {}) }),
};
const NS = 'https://www.invoicecloud.com/portal/webservices/CloudManagement/';
const soap11 = (inner: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 250, seed: 'sims' });
});
afterAll(async () => sandbox.close());

describe('the simulators over HTTP', () => {
  it('serve a summary and advance the shared clock from either side', async () => {
    const before = JSON.parse((await http.get(`${sandbox.icBaseUrl}/__sandbox/summary`)).data);
    expect(before).toMatchObject({ system: 'invoicecloud', accounts: 250 });
    const days = Object.values(before.payments.byDepositDay) as Array<{ count: number; totalCents: number }>;
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(before.payments.count);
    const advanced = await http.post(
      `${sandbox.impresaBaseUrl}/__sandbox/advance`,
      JSON.stringify({ ms: 48 * 3_600_000 }),
      { headers: { 'content-type': 'application/json' } },
    );
    expect(advanced.status).toBe(200);
    const after = JSON.parse((await http.get(`${sandbox.icBaseUrl}/__sandbox/summary`)).data);
    expect(after.feedRecords).toBeGreaterThan(before.feedRecords);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(48 * 3_600_000);
    const im = JSON.parse((await http.get(`${sandbox.impresaBaseUrl}/__sandbox/summary`)).data);
    expect(im).toMatchObject({
      system: 'impresa',
      duplicateExternalRefs: 0,
      entries: { pending: { count: 0, totalCents: 0 } },
    });
    expect((await http.post(`${sandbox.icBaseUrl}/__sandbox/advance`, '{"ms":-1}')).status).toBe(400);
  });

  it("answer malformed SOAP with an HTTP 500 fault of the request's version", async () => {
    const url = `${sandbox.icBaseUrl}/portal/webservices/CloudManagement.asmx`;
    const noAction = await http.post(
      url,
      soap11(`<ViewCustomerRecord xmlns="${NS}"><AccountNumber>1</AccountNumber></ViewCustomerRecord>`),
      { headers: { 'content-type': 'text/xml' } },
    );
    expect(noAction.status).toBe(500);
    expect(noAction.data).toMatch(
      /<faultcode>soap:Client<\/faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction/,
    );
    const doctype = await http.post(url, `<!DOCTYPE x [<!ENTITY a "b">]>${soap11('')}`, {
      headers: { 'content-type': 'application/soap+xml' },
    });
    expect(doctype.status).toBe(500);
    expect(doctype.data).toMatch(/soap12:Sender.*DTD is prohibited/);
    const broken = await http.post(url, '<soap12:Envelope', { headers: { 'content-type': 'application/soap+xml' } });
    expect(broken.status).toBe(500);
    expect(broken.data).toMatch(/<soap12:Reason><soap12:Text xml:lang="en">Server was unable to read request/);
    const version = await http.post(url, soap11(''), { headers: { 'content-type': 'application/soap+xml' } });
    expect(version.data).toMatch(/soap12:VersionMismatch/);
    const wsdl = await http.get(`${url}?wsdl`);
    expect(wsdl.status).toBe(200);
    expect(wsdl.data).toContain(`targetNamespace="${NS}"`);
    expect(wsdl.data).toContain('<soap12:binding');
  });

  it('protect the Impresa API with a token and answer JSON errors', async () => {
    const denied = await http.get(`${sandbox.impresaBaseUrl}/api/v1/users`);
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.data).error.code).toBe('NOT_SIGNED_IN');
    const bad = await http.post(`${sandbox.impresaBaseUrl}/api/v1/session`, 'not json', {
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
  });

  it('answer a bad fault spec on /__sandbox/faults with 400 and the reason, keeping the rules in force', async () => {
    for (const base of [sandbox.icBaseUrl, sandbox.impresaBaseUrl]) {
      const good = await http.post(`${base}/__sandbox/faults`, JSON.stringify({ spec: 'ic:latency=1ms@0.5' }), {
        headers: { 'content-type': 'application/json' },
      });
      expect(good.status).toBe(200);
      expect(JSON.parse(good.data)).toEqual({ ok: true, spec: 'ic:latency=1ms@0.5' });
      const bad = await http.post(`${base}/__sandbox/faults`, JSON.stringify({ spec: 'ic:500@2' }), {
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(bad.data)).toEqual({
        error: {
          code: 'VALIDATION',
          message: 'Fault rule "ic:500@2": the rate after @ must be a number from 0 to 1 (or a percentage like 5%).',
        },
      });
      const noSpec = await http.post(`${base}/__sandbox/faults`, '{"rules": 1}', {
        headers: { 'content-type': 'application/json' },
      });
      expect(noSpec.status).toBe(400);
      expect(JSON.parse(noSpec.data).error.message).toMatch(/^Send a JSON body \{"spec": "<rules>"\}/);
      const notJson = await http.post(`${base}/__sandbox/faults`, 'spec=ic:500', {
        headers: { 'content-type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      expect(sandbox.summary().ic.faults).toEqual([{ target: 'ic', kind: 'latency', rate: 0.5, latencyMs: 1 }]);
    }
    sandbox.setFaults('');
  });

  it('write PDFs whose cross-reference table points at their objects', () => {
    const pdf = renderPdf('Bill (test)', [['Amount', '$1.00']]).toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBe(6);
    offsets.forEach((o, i) => expect(pdf.slice(o).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    expect(pdf).toContain('(Bill \\(test\\)) Tj');
  });
});

describe('sandbox command line', () => {
  it('parses the documented options and refuses unknown ones', () => {
    expect(
      parseSandboxArgs([
        '--accounts',
        '5000',
        '--seed',
        'demo',
        '--faults=ic:500@0.1',
        '--ic-port',
        '8081',
        '--impresa-port',
        '8082',
        '--state-dir',
        '/tmp/s',
      ]),
    ).toEqual({
      accounts: 5000,
      seed: 'demo',
      faults: 'ic:500@0.1',
      icPort: 8081,
      impresaPort: 8082,
      stateDir: '/tmp/s',
    });
    expect(parseSandboxArgs([])).toMatchObject({ accounts: 2000, seed: 'sandbox', icPort: 0 });
    expect(() => parseSandboxArgs(['--accounts', 'many'])).toThrow(/whole number/);
    expect(() => parseSandboxArgs(['--verbose'])).toThrow(/Unknown option --verbose/);
  });
});
