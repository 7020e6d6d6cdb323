import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { inlineStartParts } from './scripts/build/inline-start-parts.ts';

/**
 * One build for the three Electron targets. The renderer bundle is also what
 * the browser host (`broadsheet serve`) serves, so both hosts run the same code.
 */
/**
 * Rolldown's "your build spent significant time in plugins" report, printed by every `npm start` on a 2-core machine
 * (the Svelte compile, pdf.js's worker copy, module loads): nothing a user can act on.
 */
const QUIET = { bundlerTimings: false };

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve('src-main/main.ts') }, checks: QUIET },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() its own chunks: bundle it whole, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        checks: QUIET,
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    base: './',
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), inlineStartParts(resolve('src-renderer/public'))],
    build: {
      outDir: resolve('out/renderer'),
      target: 'chrome140',
      // electron-vite leaves the renderer unminified; minified, the start-up script parses and compiles in half the time.
      // BROADSHEET_MINIFY=0 keeps the names, for profiles (bench/reader-open-trace.ts PROFILE=1).
      minify: process.env.BROADSHEET_MINIFY !== '0',
      sourcemap: process.env.BROADSHEET_SOURCEMAP === '1',
      rollupOptions: {
        input: resolve('src-renderer/index.html'),
        checks: QUIET,
      },
    },
  },
});
