import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The renderer hears main's events one way (useEvent/useEvents); eslint.config.js refuses the other.
const eslint = new ESLint();
const messagesOf = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

describe('renderer event subscriptions lint rule', () => {
  it('refuses api.on and window.api.on in a renderer store or component', async () => {
    const store = "import { api } from '../app/api';\nexport const off = api.on('billers:changed', () => undefined);\n";
    expect(await messagesOf(store, 'renderer/payments/example.store.ts')).toContain('no-restricted-properties');
    const component = "export const off = window.api.on('jobs:changed', () => undefined);\n";
    expect(await messagesOf(component, 'renderer/jobs/Example.tsx')).toContain('no-restricted-syntax');
  });

  it('allows the hook itself and code that uses it', async () => {
    const hook = "import { api } from './api';\nexport const off = api.on('billers:changed', () => undefined);\n";
    expect(await messagesOf(hook, 'renderer/app/use-event.ts')).toEqual([]);
    const user =
      "import { useEvent } from '../app/use-event';\nexport function useX(): void {\n  useEvent('jobs:changed', () => undefined);\n}\n";
    expect(await messagesOf(user, 'renderer/jobs/use-x.ts')).toEqual([]);
  });
});
