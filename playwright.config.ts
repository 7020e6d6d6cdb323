import { defineConfig } from '@playwright/test';
import type { AppHost } from './e2e/support/fixtures.ts';
import { chromiumExecutable } from './e2e/support/chromium.ts';

/**
 * Two projects run the same specs: "browser" drives the renderer through
 * `broadsheet serve` in Chromium; "electron" drives the real app through
 * _electron.launch and skips, saying why, where the binary is absent.
 */
export default defineConfig<object, { appHost: AppHost }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    screenshot: 'off',
  },
  projects: [
    {
      name: 'browser',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        },
      },
    },
    // host-token.spec.ts checks the browser host's session token, which Electron does not have;
    // page-preview-held.spec.ts and photos-preview-held.spec.ts hold the original back with page.route, which does not see app:// requests;
    // library-opening.spec.ts starts `broadsheet serve` itself and holds its events socket, which Electron's IPC is not.
    {
      name: 'electron',
      testIgnore: ['**/host-token.spec.ts', '**/page-preview-held.spec.ts', '**/photos-preview-held.spec.ts', '**/library-opening.spec.ts'],
      use: { appHost: 'electron' },
    },
  ],
});
