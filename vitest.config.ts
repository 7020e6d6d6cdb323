import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test-support/**/*.test.ts', 'bin/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
