import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/temp';

/**
 * The README's boundaries hold by construction: each lint rule in eslint.config.js is shown to
 * report a deliberate violation (and to leave the allowed case alone). The text is linted as if
 * it were the named file, so nothing is written into the tree.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function problems(filePath: string, text: string): Promise<Array<{ rule: string | null; message: string }>> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const rules = (found: Array<{ rule: string | null }>) => found.map((p) => p.rule);

describe('the boundaries in eslint.config.js', () => {
  it('keep Electron in main/electron/: electron, electron-log/main and electron-store fail lint anywhere else in main', async () => {
    for (const pkg of ['electron', 'electron-log/main', 'electron-store']) {
      const found = await problems('main/jobs/uses-electron.ts', `import x from '${pkg}';\nexport const y = x;\n`);
      expect(found, pkg).toEqual([
        expect.objectContaining({
          rule: 'no-restricted-imports',
          message: expect.stringContaining('Only main/electron/ may use Electron'),
        }),
      ]);
    }
    expect(
      await problems('main/electron/uses-electron.ts', "import { app } from 'electron';\nexport const y = app;\n"),
    ).toEqual([]);
  });

  it('let product code reach the sandbox only through main/sandbox/embedded.ts; tests may use it all', async () => {
    const inner = "import { startSandbox } from '../sandbox/index';\nexport const y = startSandbox;\n";
    expect(await problems('main/payments/uses-sandbox.ts', inner)).toEqual([
      expect.objectContaining({
        rule: 'import-x/no-restricted-paths',
        message: expect.stringContaining('main/sandbox/embedded.ts'),
      }),
    ]);
    expect(
      rules(await problems('main/start.ts', "import { World } from './sandbox/world';\nexport const y = World;\n")),
    ).toEqual(['import-x/no-restricted-paths']);
    expect(
      await problems(
        'main/host/uses-sandbox.ts',
        "import { startEmbeddedSandbox } from '../sandbox/embedded';\nexport const y = startEmbeddedSandbox;\n",
      ),
    ).toEqual([]);
    expect(await problems('main/payments/uses-sandbox.test.ts', inner)).toEqual([]);
  });

  it('keep the ground free of the domains', async () => {
    const found = await problems(
      'main/ground/uses-domain.ts',
      "import { BillersService } from '../billers/billers.service';\nimport type { Db } from '../store/database';\nexport type Both = [BillersService, Db];\n",
    );
    expect(found).toHaveLength(2);
    for (const p of found)
      expect(p).toMatchObject({
        rule: 'import-x/no-restricted-paths',
        message: expect.stringContaining('main/ground/'),
      });
    expect(
      await problems(
        'main/ground/uses-ground.ts',
        "import { systemClock } from './clock';\nimport { addDays } from '../../shared/domain/dates';\nexport const y = [systemClock, addDays];\n",
      ),
    ).toEqual([]);
  });

  it('fail a module that imports in a circle', async () => {
    // core.ts imports diagnostics.ts: diagnostics importing core back closes the circle.
    const found = await problems(
      'main/app/diagnostics.ts',
      "import { createCore } from './core';\nexport const buildDiagnostics = createCore;\n",
    );
    expect(rules(found)).toContain('import-x/no-cycle');
  });

  it('keep the renderer and main apart, both ways', async () => {
    expect(
      rules(
        await problems(
          'renderer/uses-main.ts',
          "import { createCore } from '../main/app/core';\nexport const y = createCore;\n",
        ),
      ),
    ).toEqual(['no-restricted-imports']);
    expect(
      rules(
        await problems(
          'main/jobs/uses-renderer.ts',
          "import { App } from '../../renderer/App';\nexport const y = App;\n",
        ),
      ),
    ).toEqual(['no-restricted-imports']);
  });
});
