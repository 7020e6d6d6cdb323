import { DatabaseSync } from 'node:sqlite';
import { test as base, expect, _electron, type Browser, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.ts';
import { cliImport, ROOT, startHostProcess } from './host-process.ts';
import { backToSchema10, cloneDocuments } from '../../src-main/library/testing/schema-10-library.ts';

/** Files every e2e library starts with: the project's own fixtures and the shipped sample page. */
export const FIXTURE_FILES = {
  cjk: join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'),
  latin: join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf'),
  sample: join(ROOT, 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf'),
};

export type AppHost = 'browser' | 'electron';

export interface AppUnderTest {
  page: Page;
  /** The origin the renderer is served from; every other origin is forbidden. */
  origin: string;
  libraryDir: string;
  host: 'browser' | 'electron';
}

interface Options {
  appHost: 'browser' | 'electron';
  /** Start from an empty library (the app then seeds its sample page), instead of the prepared one. */
  freshLibrary: boolean;
  /** Mark the prepared library's copy as written by this older schema version, so opening it migrates (and backs up); at 10 or before, its pages stored as then. */
  librarySchema: number | null;
  /** Copies of one document of the prepared library (distinct originals, as a real batch has), made before the app opens it. */
  documentCopies: { fileName: string; copies: number } | null;
}

interface WorkerFixtures {
  appHost: 'browser' | 'electron';
  preparedLibrary: string;
  /** Our own Chromium, launched only for the browser host: the Electron project must not need one. */
  hostBrowser: Browser | null;
}

export const test = base.extend<Omit<Options, 'appHost'> & { app: AppUnderTest }, WorkerFixtures>({
  appHost: ['browser', { option: true, scope: 'worker' }],
  freshLibrary: [false, { option: true }],
  librarySchema: [null, { option: true }],
  documentCopies: [null, { option: true }],

  hostBrowser: [
    async ({ appHost, playwright, launchOptions }, use) => {
      if (appHost === 'electron') return use(null);
      const browser = await playwright.chromium.launch(launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  preparedLibrary: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-lib-'));
      cliImport(dir, Object.values(FIXTURE_FILES).filter((f) => existsSync(f)));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  app: async ({ appHost, freshLibrary, librarySchema, documentCopies, preparedLibrary, hostBrowser, contextOptions, viewport }, use, testInfo) => {
    const libraryDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-'));
    if (!freshLibrary) cpSync(preparedLibrary, libraryDir, { recursive: true });
    // At 10 or before, the pages as that version stored them too (raw items whole as JSON), not only the version number.
    if (librarySchema !== null && librarySchema <= 10) backToSchema10(libraryDir);
    if (librarySchema !== null) {
      const db = new DatabaseSync(join(libraryDir, 'library.sqlite'));
      db.exec(`PRAGMA user_version = ${Number(librarySchema)}`);
      db.close();
    }
    if (documentCopies) cloneDocuments(libraryDir, documentCopies.copies, (f) => f === documentCopies.fileName);
    const foreign: string[] = [];

    if (appHost === 'electron') {
      const binary = electronBinary(ROOT);
      if ('reason' in binary) {
        console.log(`[electron] skipped: ${binary.reason}`);
        testInfo.skip(true, binary.reason);
        return;
      }
      const electronApp = await _electron.launch({
        executablePath: binary.path,
        args: [join(ROOT, 'out', 'main', 'main.js'), '--library', libraryDir, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        env: { ...process.env, XDG_CONFIG_HOME: libraryDir },
      });
      const win = await electronApp.firstWindow();
      win.on('request', (r) => {
        if (!/^(app|blob|data|devtools):/.test(r.url())) foreign.push(r.url());
      });
      await use({ page: win, origin: 'app://bundle', libraryDir, host: 'electron' });
      await electronApp.close();
    } else {
      const context = await hostBrowser!.newContext({ ...contextOptions, viewport });
      const page = await context.newPage();
      const host = await startHostProcess(libraryDir);
      // Offline means offline: any request to another origin is aborted and fails the test.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(host.origin) || /^(blob|data):/.test(url)) return route.continue();
        foreign.push(url);
        return route.abort('blockedbyclient');
      });
      await page.goto(host.url);
      // An older library is backed up and updated while the host already serves a page saying so (library-opening.spec.ts
      // checks it); the specs start from the app, which that page becomes once the library is open.
      if (librarySchema !== null) await page.getByRole('region', { name: 'Library' }).waitFor({ timeout: 120_000 });
      await use({ page, origin: host.origin, libraryDir, host: 'browser' });
      await context.close();
      await host.stop();
    }
    rmSync(libraryDir, { recursive: true, force: true });
    expect(foreign, 'requests to other origins').toEqual([]);
  },
});

export { expect };

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(ROOT, 'e2e', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
