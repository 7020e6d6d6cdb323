import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // The renderer's `.svelte.ts` stores use runes: compile them as the app does, with Svelte's
  // client runtime (the `browser` condition), so $state, $derived and $effect behave as in the window.
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true }, dynamicCompileOptions: () => ({ generate: 'client' }) })],
  resolve: { conditions: ['browser'] },
  ssr: { resolve: { conditions: ['browser'] } },
  test: {
    include: ['core/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test-support/**/*.test.ts', 'bin/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
