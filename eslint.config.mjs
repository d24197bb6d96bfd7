// Flat config: typescript-eslint recommended (type-aware where it pays), Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      '.run/**',
      'bench/results/**',
      'apps/web/public/vendor/**',
      'apps/web/dist/**',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Apps and libs reach a lib only through its root entry, and an app never imports another app.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prosmed/*/*'],
              message: 'Import a lib through its root entry (@prosmed/<lib>) only.',
            },
            {
              group: ['**/apps/*', '../../apps/**', '../../../apps/**'],
              message: 'Apps know each other only through @prosmed/contracts.',
            },
            {
              group: ['**/libs/*/src/**', '../../libs/**', '../../../libs/**'],
              message: 'Use the @prosmed/<lib> alias.',
            },
          ],
        },
      ],
    },
  },
  {
    // Apps write through `inTransaction` of @prosmed/persistence: it joins the transaction the service kit
    // opens around each command, whose key and result commit with the writes (exactly once). A transaction
    // of their own would commit even when the command's record rolls back, and a retry would write twice.
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee[property.name=/^(transaction|startTransaction)$/]',
          message:
            'Use inTransaction(dataSource, fn) from @prosmed/persistence: it joins the command transaction of the service kit.',
        },
      ],
    },
  },
  {
    // The web app (apps/web/tsconfig.json: DOM, Preact's JSX): type-aware too, in the browser.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.browser,
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // IndexedDB's `db.transaction(...)` is not a database of the services.
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The web app's service worker and Vite's config run as ES modules (worker, Node).
    files: ['apps/web/public/**/*.js', 'apps/web/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.serviceworker, ...globals.node } },
  },
  {
    // Plain Node scripts (jest config, helpers run in a child process).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
