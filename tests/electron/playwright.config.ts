import { defineConfig } from '@playwright/test';

/**
 * The desktop app itself, through Playwright's Electron support (`_electron.launch`). Runs only
 * where the Electron runtime is on disk; tests/run-all.sh says in one line when it did not run.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: '../../test-results/electron',
  reporter: [['list']],
});
