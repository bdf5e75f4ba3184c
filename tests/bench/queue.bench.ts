/**
 * Benchmark (not a test): the clerk's queue in Chromium through the browser host. The simulators
 * run in a child process; the host and its core run here (secrets in a Map: the figures are about
 * the screen, not the keychain). The queue is filled by the Payments job itself, then:
 * - interactive: from the click on the Payments tab until the table answers a keystroke (the first
 *   row takes focus on ↓ from the search field);
 * - post: `post` entries selected with the keyboard, from the confirming Enter until the results
 *   say the last one is posted;
 * - scroll: the whole list scrolled, a step per animation frame; the p95 of the frame times.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCore } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { startHost } from '../../main/host/host';
import type { KeychainBackend } from '../../main/secrets/secret-store';
import { ROOT } from '../support/temp';
import { percentile } from './bench';
import { sandboxProcess } from './jobs.bench';

export interface QueueFigures {
  entries: number;
  fillMs: number;
  interactiveMs: number;
  posted: number;
  postMs: number;
  frames: number;
  scrollP95FrameMs: number;
  /** Rows in the DOM once the table answered (a virtual table holds about a screenful). */
  renderedRows: number;
}

function memoryKeychain(): KeychainBackend {
  const vault = new Map<string, string>();
  return {
    getPassword: async (_s, account) => vault.get(account) ?? null,
    setPassword: async (_s, account, password) => void vault.set(account, password),
    deletePassword: async (_s, account) => vault.delete(account),
  };
}

const row = (page: Page, n: number) =>
  page.getByRole('grid', { name: 'Ready payments' }).locator(`[role="row"][aria-rowindex="${n + 1}"]`);

export async function benchQueue(entries: number, post: number, script: string): Promise<QueueFigures> {
  // Enough accounts that the payments arrive within a few simulated weeks.
  const sim = await sandboxProcess(script, Math.max(2000, entries * 2), { payments: Math.ceil(entries * 1.15) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bench-queue-'));
  const core = createCore({
    dataDir: dir,
    shell: 'browser',
    logger: new MemoryLogger(),
    keychain: memoryKeychain,
    initialMode: 'pm',
    startJobs: false,
  });
  const t = sim.ready;
  const billerId = core.billers.createProfile({
    name: 'Bench Utility',
    timeZone: 'America/New_York',
    billerGuid: t.billerGuid,
    invoiceTypeId: t.invoiceTypeId,
    invoiceFormatGuid: null,
    icHost: t.icBaseUrl,
    impresaUrl: t.impresaBaseUrl,
    impresaUser: t.impresaUser,
    postingMode: 'pending',
    livePostingUser: 'IC Clerk',
    isJobHost: true,
  }).id;
  await core.billers.setSecret(billerId, 'web-service-key', t.webServiceKey);
  await core.billers.setSecret(billerId, 'impresa-password', t.impresaPassword);
  core.payments.useClock(billerId, { now: () => new Date(t.now) });
  const host = await startHost({
    core,
    rendererDir: path.join(ROOT, 'dist/renderer'),
    shimFile: path.join(ROOT, 'dist/preload/browser-shim.js'),
  });
  // Loaded here, not at the top: the job processes fork this same bundle and must not carry Playwright.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
  });
  try {
    const f0 = performance.now();
    const run = await core.jobs.run(billerId, 'payments').finished;
    if (run.state !== 'succeeded')
      throw new Error(`queue bench: the Payments job that fills the queue ended ${run.state}`);
    const synced = await core.payments.refresh(billerId);
    const fillMs = performance.now() - f0;

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    await page.getByRole('tab', { name: 'Payments' }).waitFor();
    // BENCH_QUEUE_PROF=1: a renderer CPU profile of each phase (Chrome DevTools format) in bench-results/profiles/.
    const cdp = process.env.BENCH_QUEUE_PROF ? await page.context().newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable');
    // The host and its core run in this process: their profile of the same phase is `queue-<phase>.main.cpuprofile`.
    const inMain = cdp ? new inspector.Session() : null;
    const mainSend = <T>(method: string): Promise<T> =>
      new Promise((resolve, reject) =>
        inMain!.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
      );
    if (inMain) {
      inMain.connect();
      await mainSend('Profiler.enable');
    }
    const profile = async (phase: string, run: () => Promise<void>) => {
      if (!cdp || !inMain) return run();
      await cdp.send('Profiler.start');
      await mainSend('Profiler.start');
      try {
        await run();
      } finally {
        const { profile: p } = await cdp.send('Profiler.stop');
        const { profile: m } = await mainSend<{ profile: unknown }>('Profiler.stop');
        const dir = path.join(ROOT, 'bench-results', 'profiles');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `queue-${phase}.cpuprofile`), JSON.stringify(p));
        fs.writeFileSync(path.join(dir, `queue-${phase}.main.cpuprofile`), JSON.stringify(m));
      }
    };
    // Interactive: the click on the tab until ↓ from the search field lands on the first row.
    const i0 = performance.now();
    let interactiveMs = 0;
    await profile('interactive', async () => {
      await page.getByRole('tab', { name: 'Payments' }).click();
      const search = page.getByRole('textbox', { name: 'Search (/)' });
      await search.waitFor();
      await row(page, 1).waitFor();
      await search.focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
          ).document.activeElement?.getAttribute('aria-rowindex') === '2',
      );
      interactiveMs = performance.now() - i0;
    });
    // Only the rows in view should exist (the table is virtual); many more means every row is rendered.
    const rendered = await page.getByRole('grid', { name: 'Ready payments' }).locator('[role="row"]').count();

    // Post: the first `post` rows selected by keyboard (Space, then Shift+↓), then Enter, Enter.
    let postMs = 0;
    await profile('select', async () => {
      await page.keyboard.press('Space');
      await page.keyboard.down('Shift');
      for (let i = 1; i < post; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.up('Shift');
      await page.getByRole('button', { name: `Post ${post}`, exact: true }).waitFor();
      await page.keyboard.press('Enter');
    });
    const confirm = page.getByRole('dialog', { name: `Post ${post} payments?` });
    const results = page.getByRole('region', { name: 'Results of the last action' });
    const button = confirm.getByRole('button', { name: new RegExp(`^Post ${post}\\b`) });
    await profile('confirm', async () => {
      await confirm.waitFor({ timeout: 120_000 });
      await button.waitFor({ timeout: 120_000 }).catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(ROOT, 'bench-results', 'queue-confirm-failed.png') });
        throw error;
      });
    });
    await profile('post', async () => {
      const p0 = performance.now();
      await button.click();
      await results
        .getByRole('status')
        .filter({ hasText: new RegExp(`^Posted ${post} of ${post}`) })
        .waitFor({ timeout: 120_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(ROOT, 'bench-results', 'queue-post-failed.png') });
          throw error;
        });
      postMs = performance.now() - p0;
    });
    await page.getByRole('button', { name: 'Dismiss' }).click();

    // Scroll: the grid's scroller from top to bottom, one step per frame, frame times recorded.
    let frames: number[] = [];
    // BENCH_QUEUE_PROF=1 also traces the scroll (Chrome's timeline: style, layout, paint per frame).
    if (cdp) await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'cc', 'gpu'] });
    await profile('scroll', async () => {
      frames = await page.getByRole('grid', { name: 'Ready payments' }).evaluate(async (grid) => {
        type El = { scrollTop: number; scrollHeight: number; clientHeight: number; parentElement: El | null };
        const g = globalThis as unknown as {
          requestAnimationFrame(cb: (t: number) => void): void;
          getComputedStyle(e: unknown): { overflowY: string };
        };
        let scroller = grid as unknown as El | null;
        while (
          scroller &&
          !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(g.getComputedStyle(scroller).overflowY))
        )
          scroller = scroller.parentElement;
        if (!scroller) return [] as number[];
        const el = scroller;
        const times: number[] = [];
        const step = el.clientHeight;
        let last = 0;
        await new Promise<void>((done) => {
          const tick = (now: number) => {
            if (last) times.push(now - last);
            last = now;
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return done();
            el.scrollTop += step;
            g.requestAnimationFrame(tick);
          };
          g.requestAnimationFrame(tick);
        });
        return times;
      });
    });
    if (cdp) {
      const trace = await browser.stopTracing();
      fs.writeFileSync(path.join(ROOT, 'bench-results', 'profiles', 'queue-scroll.trace.json'), trace);
    }
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      entries: synced.entries,
      fillMs: Math.round(fillMs),
      interactiveMs: Math.round(interactiveMs),
      posted: post,
      postMs: Math.round(postMs),
      frames: frames.length,
      scrollP95FrameMs: Math.round(percentile(sorted, 95) * 10) / 10,
      renderedRows: rendered,
    };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
