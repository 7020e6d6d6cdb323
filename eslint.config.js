import js from '@eslint/js';
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/**
 * Folders follow runtimes, and imports only point inward: core imports
 * nothing platform-bound; renderer and main may use core but never each
 * other; the browser host and CLI stay free of Electron.
 */
// Every built-in, bare or prefixed ('util' slipped through a hand-kept list).
const NODE_BUILTINS = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])];
const BUILTIN_RE = `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?$`;

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** no-restricted-imports sees only static imports: import('…') and require('…') need their own rule. */
const dynamicImport = (sourceRe, message) => [
  { selector: `ImportExpression[source.value=/${sourceRe}/]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=/${sourceRe}/]`, message },
];

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
    rules: {
      ...restrict([
        { group: NODE_BUILTINS, message: 'core/ is platform-free: no Node built-ins.' },
        { group: ['electron', 'pdfjs-dist', 'pdfjs-dist/*', 'svelte', 'svelte/*', 'ws'], message: 'core/ is platform-free: plain data in, plain data out.' },
        { group: ['**/src-main/**', '**/src-renderer/**', '**/scripts/**', '**/bench/**'], message: 'core/ must not import from the processes that use it.' },
        { group: ['**/test-support/**'], message: 'Test helpers are for tests: production code must not depend on them.' },
      ]),
      'no-restricted-syntax': [
        'error',
        ...dynamicImport(BUILTIN_RE, 'core/ is platform-free: no Node built-ins, not even loaded dynamically.'),
        ...dynamicImport('^(electron|pdfjs-dist|svelte|ws)(\\/.*)?$|src-main|src-renderer', 'core/ is platform-free: plain data in, plain data out.'),
      ],
      'no-restricted-globals': [
        'error',
        ...['document', 'window', 'navigator', 'location', 'localStorage', 'self'].map((name) => ({ name, message: `core/ has no DOM: ${name} belongs to the renderer.` })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: `core/ has no Node: ${name} belongs to src-main/.` })),
      ],
    },
  },
  {
    files: ['core/**/*.test.ts'],
    rules: restrict([{ group: ['electron', 'pdfjs-dist', 'pdfjs-dist/*', '**/src-main/**', '**/src-renderer/**'], message: 'core tests test core only.' }]),
  },
  {
    files: ['src-renderer/**'],
    rules: {
      ...restrict([
        { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node built-ins.' },
        { group: ['electron', 'ws'], message: 'The renderer reaches the back end only through src-renderer/lib/archive.ts.' },
        { group: ['**/src-main/**'], message: 'The renderer must not import main-process code; share through core/.' },
        { group: ['**/test-support/**'], message: 'Test helpers are for tests: production code must not depend on them.' },
      ]),
      'no-restricted-syntax': [
        'error',
        ...dynamicImport(BUILTIN_RE, 'The renderer is sandboxed: no Node built-ins.'),
        ...dynamicImport('src-main|^(electron|ws)$', 'The renderer must not load main-process code; share through core/.'),
      ],
    },
  },
  {
    // Renderer tests run on Node and may build fixtures with Buffer; the code they test may not.
    files: ['src-renderer/**'],
    ignores: ['src-renderer/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({ name, message: `The renderer is a sandboxed page: ${name} is Node's.` }))],
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**', 'src-main/main.ts', 'src-main/cli/**'],
    rules: restrict([
      { group: ['electron'], message: 'Only src-main/electron/ and main.ts may import Electron: the CLI and browser host run on plain Node.' },
      { group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' },
      { group: ['**/cli/**'], message: 'The CLI is a front end like the app: services, host and library must not import from it.' },
      { group: ['**/test-support/**'], message: 'Test helpers are for tests: production code must not depend on them.' },
    ]),
  },
  {
    files: ['src-main/**/*.test.ts'],
    ignores: ['src-main/electron/**', 'src-main/cli/**'],
    rules: restrict([
      { group: ['electron'], message: 'Only src-main/electron/ and main.ts may import Electron: the CLI and browser host run on plain Node.' },
      { group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' },
      { group: ['**/cli/**'], message: 'The CLI is a front end like the app: services, host and library must not import from it.' },
    ]),
  },
  {
    files: ['test-support/**'],
    rules: restrict([{ group: ['electron', 'pdfjs-dist', 'pdfjs-dist/*', '**/src-main/**', '**/src-renderer/**'], message: 'Test helpers build plain data on core types only.' }]),
  },
  {
    files: ['src-main/cli/**'],
    rules: restrict([
      { group: ['electron'], message: 'Only src-main/electron/ and main.ts may import Electron: the CLI and browser host run on plain Node.' },
      { group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' },
    ]),
  },
  {
    files: ['src-main/electron/**', 'src-main/main.ts'],
    rules: restrict([
      { group: ['**/src-renderer/**'], message: 'Main-process code must not import the renderer.' },
      { group: ['**/cli/**'], message: 'The Electron side must not import from the CLI: share through src-main/services or library.' },
    ]),
  },
);
