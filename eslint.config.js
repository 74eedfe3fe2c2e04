// ESLint flat config. Also enforces the architecture: the core imports no host, DOM or Node API.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');
const reactHooks = require('eslint-plugin-react-hooks');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '!eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['fs', 'fs/*', 'path', 'os', 'child_process', 'node:*', 'crypto', 'zlib'], message: 'src/core is pure: no Node built-ins.' },
          { group: ['react', 'react-dom', '@fluentui/*', '@microsoft/office-js'], message: 'src/core is pure: no UI or Office.js.' },
          { group: ['**/hosts/**', '**/taskpane/**', '**/cli/**', '**/commands/**'], message: 'src/core must not depend on hosts or UIs.' },
          { group: ['@cj-tech-master/*'], message: 'src/core describes workbooks; only hosts use the xlsx library.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'document', 'window'],
    },
  },
  {
    files: ['src/hosts/office/**/*.ts', 'src/commands/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-office-initialize': 'warn',
      'office-addins/test-for-null-using-isNullObject': 'warn',
    },
  },
  {
    files: ['src/taskpane/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
