import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/**
 * Folders follow runtimes, and imports only point inward: core imports
 * nothing platform-bound; renderer and main may use core but never each
 * other; the browser host and CLI stay free of Electron.
 */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'worker_threads', 'url', 'stream', 'net'];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default ts.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'fixtures/**/*.pdf'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['core/**'],
    // Tests beside core code run on Node and may read fixture files; the code they test may not.
    ignores: ['core/**/*.test.ts'],
    rules: restrict([
      { group: NODE_BUILTINS, message: 'core/ is platform-free: no Node built-ins.' },
      { group: ['electron', 'pdfjs-dist', 'pdfjs-dist/*', 'svelte', 'svelte/*', 'ws'], message: 'core/ is platform-free: plain data in, plain data out.' },
      { group: ['**/src-main/**', '**/src-renderer/**', '**/scripts/**', '**/bench/**'], message: 'core/ must not import from the processes that use it.' },
    ]),
  },
  {
    files: ['core/**/*.test.ts'],
    rules: restrict([{ group: ['electron', 'pdfjs-dist', 'pdfjs-dist/*', '**/src-main/**', '**/src-renderer/**'], message: 'core tests test core only.' }]),
  },
  {
    files: ['src-renderer/**'],
    rules: restrict([
      { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node built-ins.' },
      { group: ['electron', 'ws'], message: 'The renderer reaches the back end only through src-renderer/lib/archive.ts.' },
      { group: ['**/src-main/**'], message: 'The renderer must not import main-process code; share through core/.' },
    ]),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**', 'src-main/main.ts'],
    rules: restrict([
      { group: ['electron'], message: 'Only src-main/electron/ and main.ts may import Electron: the CLI and browser host run on plain Node.' },
      { group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' },
    ]),
  },
  {
    files: ['src-main/electron/**', 'src-main/main.ts'],
    rules: restrict([{ group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' }]),
  },
);
