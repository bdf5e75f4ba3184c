import path from 'node:path';
import { createCore } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { startHost } from '../../main/host/host';
import { ROOT, tempDataDir } from '../support/temp';
import { connectIpc } from '../support/ws-client';
import { figure, percentile, type Figure } from './bench';

/** Round trip of one contract call through the browser host's WebSocket (what every screen pays). */
export const ipcBench = {
  name: 'ipc round trip',
  async run(): Promise<Figure[]> {
    const { dir, cleanup } = tempDataDir('ib-bench-');
    const core = createCore({ dataDir: dir, shell: 'browser', logger: new MemoryLogger() });
    const host = await startHost({
      core,
      rendererDir: path.join(ROOT, 'dist/renderer'),
      shimFile: path.join(ROOT, 'dist/preload/browser-shim.js'),
    });
    const ipc = await connectIpc(`ws://127.0.0.1:${host.port}/__host/ipc?token=${host.token}`);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await ipc.call('jobs:previewSchedule', {
        schedule: { type: 'interval', every: 15, unit: 'minutes' },
        timeZone: 'America/New_York',
      });
      times.push(performance.now() - t0);
    }
    ipc.close();
    await host.close();
    await core.close();
    cleanup();
    times.sort((a, b) => a - b);
    return [
      figure('ipc.p50-ms', Math.round(percentile(times, 50) * 100) / 100, 'ms', 5, 'lower'),
      figure('ipc.p95-ms', Math.round(percentile(times, 95) * 100) / 100, 'ms', 20, 'lower'),
    ];
  },
};
