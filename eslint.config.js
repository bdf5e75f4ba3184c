import tseslint from 'typescript-eslint';

const boundary = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The renderer meets main only through shared/ (the contract) and window.api.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      ...boundary('The renderer may import only shared/ and its own files; talk to main through window.api.', ['**/main/**', '**/preload/**', 'electron', 'node:*']),
      'no-restricted-globals': ['error', { name: 'require', message: 'The renderer has no Node.' }],
    },
  },
  {
    // One way to hear main's events in the renderer: the useEvent hooks (renderer/app/use-event.ts).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/app/use-event.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'api', property: 'on', message: 'Subscribe with useEvent/useEvents (renderer/app/use-event.ts); a store exports a use…Events hook mounted by StoreEvents.' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.property.name='api'][property.name='on']", message: 'Subscribe with useEvent/useEvents (renderer/app/use-event.ts), not window.api.on.' }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: boundary('main may not import the renderer or preload; share types through shared/.', ['**/renderer/**', '**/preload/**']),
  },
  {
    files: ['preload/**/*.ts'],
    rules: boundary('preload is built from shared/ only: never from main internals.', ['**/main/**', '**/renderer/**']),
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary('shared/ is used by both sides and imports neither.', ['**/main/**', '**/renderer/**', '**/preload/**', 'electron', 'node:*']),
  },
);
