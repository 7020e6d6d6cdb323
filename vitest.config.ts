import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const ALL = ['core/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test-support/**/*.test.ts', 'bin/**/*.test.ts', 'bench/**/*.test.ts'];
const RUNES = ['src-renderer/**/*.svelte.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'node', include: ALL, exclude: RUNES } },
      {
        // The renderer's `.svelte.ts` stores use runes: compile them as the app does, against Svelte's
        // client runtime (the `browser` condition), so $state, $derived and $effect behave as in the window.
        // Only here: the browser condition would give main-process code the browser builds of its packages (ws).
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true }, dynamicCompileOptions: () => ({ generate: 'client' }) })],
        resolve: { conditions: ['browser'] },
        ssr: { resolve: { conditions: ['browser'] } },
        test: { name: 'runes', include: RUNES },
      },
    ],
  },
});
