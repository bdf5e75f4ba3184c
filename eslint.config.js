import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const boundary = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // No module imports itself in a circle (import type is erased at build, so it is not counted).
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The renderer meets main only through shared/ (the contract) and window.api.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      ...boundary('The renderer may import only shared/ and its own files; talk to main through window.api.', [
        '**/main/**',
        '**/preload/**',
        'electron',
        'node:*',
      ]),
      'no-restricted-globals': ['error', { name: 'require', message: 'The renderer has no Node.' }],
    },
  },
  {
    // One way to hear main's events in the renderer: the useEvent hooks (renderer/app/use-event.ts).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/app/use-event.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'api',
          property: 'on',
          message:
            'Subscribe with useEvent/useEvents (renderer/app/use-event.ts); a store exports a use…Events hook mounted by StoreEvents.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='api'][property.name='on']",
          message: 'Subscribe with useEvent/useEvents (renderer/app/use-event.ts), not window.api.on.',
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: boundary('main may not import the renderer or preload; share types through shared/.', [
      '**/renderer/**',
      '**/preload/**',
    ]),
  },
  {
    // The core runs in plain Node (the browser host, the CLI, every test): only the shell touches Electron.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'electron-log', 'electron-log/main', 'electron-store', 'electron-updater'].map(
            (name) => ({
              name,
              message:
                'Only main/electron/ may use Electron: the rest of main runs in plain Node. Put the Electron part in main/electron/ behind an interface.',
            }),
          ),
          patterns: [
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'main may not import the renderer or preload; share types through shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Product code reaches the simulators through the one embedding entry; tests may use the sandbox directly.
    // The ground (clock, logger, audit, OS user, data dir, dates, version) stands under every domain: it imports none.
    files: ['main/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts', '**/testing.ts', '**/*-test-kit.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['main/!(sandbox)/**', 'main/*.ts'],
              from: 'main/sandbox',
              except: ['./embedded.ts'],
              message: 'Product code uses the sandbox only through main/sandbox/embedded.ts (its one embedding entry).',
            },
            {
              target: 'main/ground',
              from: 'main',
              except: ['./ground'],
              message:
                'main/ground/ is the ground every domain stands on: it imports only itself, shared/ and packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: boundary('preload is built from shared/ only: never from main internals.', ['**/main/**', '**/renderer/**']),
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary('shared/ is used by both sides and imports neither.', [
      '**/main/**',
      '**/renderer/**',
      '**/preload/**',
      'electron',
      'node:*',
    ]),
  },
);
