/**
 * Benchmark (not a test): our InvoiceCloud client against the `soap` package making the same call
 * (ViewCustomerRecord) to the IC simulator running in another process, beside a bare keep-alive
 * HTTP loop sending the same envelope. Calls per second, and the client's own CPU time per call
 * (`process.cpuUsage` of this process, which runs nothing but the client). No rate limiter: the
 * client's cost is what is measured (the jobs' figures include the limiter).
 */
import http from 'node:http';
import { HttpImpresaClient } from '../../main/clients/impresa';
import { InvoiceCloudClient } from '../../main/clients/invoicecloud';
import { buildEnvelope, icPath } from '../../main/clients/invoicecloud/soap-envelope';
import { sandboxProcess } from './jobs.bench';

export interface ClientFigures {
  name: string;
  calls: number;
  callsPerSecond: number;
  cpuMsPerCall: number;
}

async function measure(name: string, calls: number, once: () => Promise<unknown>): Promise<ClientFigures> {
  for (let i = 0; i < Math.min(50, calls); i++) await once(); // warm-up: JIT, sockets, parsers
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await once();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    name,
    calls,
    callsPerSecond: Math.round((calls / ms) * 1000),
    cpuMsPerCall: Math.round(((cpu.user + cpu.system) / 1000 / calls) * 1000) / 1000,
  };
}

export async function benchIcClient(
  calls: number,
  script: string,
): Promise<{
  ours: ClientFigures;
  soap: ClientFigures;
  bare: ClientFigures;
  impresa: ClientFigures;
  impresaBare: ClientFigures;
}> {
  const sim = await sandboxProcess(script, 500);
  try {
    const { icBaseUrl, billerGuid, webServiceKey, sampleAccount } = sim.ready;
    const ours = new InvoiceCloudClient({ host: icBaseUrl, billerGuid, webServiceKey, soapVersion: '1.2' });
    const oursFigures = await measure('ours', calls, () => ours.viewCustomerRecord(sampleAccount));

    // Loaded here, not at the top: the job processes fork this same bundle and must not carry it.
    const soap = await import('soap');
    const client = await soap.createClientAsync(`${icBaseUrl}${icPath('CloudManagement')}?WSDL`, {
      forceSoap12Headers: true,
    });
    const args = { BillerGUID: billerGuid, WebServiceKey: webServiceKey, AccountNumber: sampleAccount };
    const soapFigures = await measure('soap', calls, async () => {
      const [result] = (await client.ViewCustomerRecordAsync(args)) as [
        { ViewCustomerRecordResult: { Success: boolean } },
      ];
      if (!result.ViewCustomerRecordResult.Success) throw new Error('soap: ViewCustomerRecord did not succeed');
    });

    const { body, headers } = buildEnvelope('1.2', 'CloudManagement', 'ViewCustomerRecord', false, [
      ['BillerGUID', billerGuid],
      ['WebServiceKey', webServiceKey],
      ['AccountNumber', sampleAccount],
    ]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(`${icBaseUrl}${icPath('CloudManagement')}`);
    const bareFigures = await measure(
      'bare',
      calls,
      () =>
        new Promise<void>((resolve, reject) => {
          const req = http.request(
            url,
            { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
            (res) => {
              res.on('data', () => {});
              res.on('end', () =>
                res.statusCode === 200 ? resolve() : reject(new Error(`bare loop: HTTP ${res.statusCode}`)),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        }),
    );
    agent.destroy();

    // The InHANCE client the same way: GetAccount (the jobs' per-record read), beside a bare GET loop.
    const { impresaBaseUrl, impresaUser, impresaPassword } = sim.ready;
    const impresa = new HttpImpresaClient({
      baseUrl: impresaBaseUrl,
      username: impresaUser,
      password: impresaPassword,
    });
    const impresaFigures = await measure('impresa', calls, () => impresa.getAccount(sampleAccount));
    const token = await signInToken(impresaBaseUrl, impresaUser, impresaPassword);
    const impresaAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const accountUrl = new URL(`${impresaBaseUrl}/api/v1/accounts/${encodeURIComponent(sampleAccount)}`);
    const impresaBareFigures = await measure(
      'impresa-bare',
      calls,
      () =>
        new Promise<void>((resolve, reject) => {
          const req = http.request(
            accountUrl,
            { agent: impresaAgent, headers: { accept: 'application/json', authorization: `Bearer ${token}` } },
            (res) => {
              res.on('data', () => {});
              res.on('end', () =>
                res.statusCode === 200 ? resolve() : reject(new Error(`bare GET loop: HTTP ${res.statusCode}`)),
              );
            },
          );
          req.on('error', reject);
          req.end();
        }),
    );
    impresaAgent.destroy();
    return {
      ours: oursFigures,
      soap: soapFigures,
      bare: bareFigures,
      impresa: impresaFigures,
      impresaBare: impresaBareFigures,
    };
  } finally {
    sim.close();
  }
}

/** A session token for the bare loop (the same sign-in the client makes). */
async function signInToken(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`bare loop sign-in: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
