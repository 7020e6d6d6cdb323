import { DatabaseSync } from 'node:sqlite';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { backToSchema10, cloneDocuments } from '../src-main/library/testing/schema-10-library.ts';
import { startHostProcess } from './support/host-process.ts';
import { expect, FIXTURE_FILES, saveScreenshot, test } from './support/fixtures.ts';

/**
 * A library an older version wrote is backed up before it is updated (src-main/library/library-backup.ts: ~40 s at
 * 10,000 scans). The browser host serves at once meanwhile, and the window says how far the backup is
 * (services/library-opening.ts, LibraryOpening.svelte), then shows the library once it is open.
 *
 * Browser host only (playwright.config.ts): the test starts `broadsheet serve` itself, to hold what ends the wait.
 */
test('an older library: the window shows the backup before the update, then the library', async ({ preparedLibrary, hostBrowser, contextOptions, viewport }) => {
  test.setTimeout(240_000);
  const libraryDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-opening-'));
  cpSync(preparedLibrary, libraryDir, { recursive: true });
  backToSchema10(libraryDir);
  // Copies of the sample scan (1.9 MB of raw JSON a page at schema 10): a copy of ~80 steps (1 MB each), so the
  // writer below has ample turns to commit between two of them however loaded the machine.
  cloneDocuments(libraryDir, 40, (f) => f === basename(FIXTURE_FILES.sample));

  // Another process (as the CLI would) changes a setting while the app backs the library up: SQLite starts the copy
  // again after each such commit, so the backup cannot end before the host has served the page, however quick the
  // disk. It stops once the page is served: left writing until the page had drawn itself, on a loaded machine, the
  // copies that did end were each found out of date, and the open gave up after its last attempt. Once it stops, the
  // copy ends and, as the library changed since it began, one more is taken.
  const writer = new DatabaseSync(join(libraryDir, 'library.sqlite'));
  let zoom = 1;
  const write = writer.prepare("INSERT INTO settings (key, value) VALUES ('zoom', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const writing = setInterval(() => write.run(String((zoom = 3 - zoom))), 1);
  const stopWriting = () => {
    clearInterval(writing);
    if (writer.isOpen) writer.close();
  };

  const context = await hostBrowser!.newContext({ ...contextOptions, viewport });
  const page = await context.newPage();
  // What ends the page's wait is held until the test has seen it: the event that says the library is open, and the
  // answer to the one question the page asks in case it opened before the page listened (LibraryOpening.svelte).
  const release = Promise.withResolvers<void>();
  // And the word that the copy is done, until the test has seen the page say how far it was.
  const backupSeen = Promise.withResolvers<void>();
  let sent = Promise.resolve();
  await page.routeWebSocket(/\/events(\?|$)/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      // Only the word that it opened: one that it could not is let through, and fails the test below with its reason.
      const opened = String(message).includes('"event":"library.opened","payload":{"error":null}');
      const copied = /"event":"library\.backup","payload":\{"done":\d+,"total":0\}/.test(String(message));
      sent = sent.then(async () => {
        if (opened) await release.promise;
        if (copied) await backupSeen.promise;
        ws.send(message);
      });
    });
  });
  await page.route('**/api/library.isOpen', async (route) => {
    await release.promise;
    await route.continue();
  });

  // An offline app logs no error in normal operation: the waiting page asked app.info, was refused (503), and
  // Chromium logged that (walk). What the page logs, and any uncaught error, until the app is shown.
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));

  const host = await startHostProcess(libraryDir);
  try {
    // Served while the copy runs: the page carries how far it was (its opening block), and draws that first.
    await page.goto(host.url, { waitUntil: 'commit' });
    stopWriting();
    const backup = page.getByRole('status').filter({ has: page.getByRole('progressbar', { name: 'Library backup' }) });
    await expect(backup).toHaveText(/^\s*Backing up library before update \d+%$/, { timeout: 60_000 });
    await expect(page.getByRole('main', { name: 'Opening the library' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Library' })).toHaveCount(0);
    await saveScreenshot(page, 'library-opening');
    backupSeen.resolve();
    // The copy ends, is taken again, then the update runs: the page says so until the (held) word that it is open.
    // Up to two minutes: the copy taken again and the update of 40 scans' pages took over one at a load of 20 on 2 cores.
    await expect(page.getByRole('status').filter({ hasText: /^Updating library…$/ })).toBeVisible({ timeout: 120_000 });
    await expect(backup).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);

    release.resolve();
    // The page loads again and is the app, on the updated library.
    await expect(page.getByRole('region', { name: 'Library' }).getByText(basename(FIXTURE_FILES.sample)).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('main', { name: 'Opening the library' })).toHaveCount(0);
    expect(errors).toEqual([]);
    await expect(page.getByRole('note', { name: 'Library updated' })).toContainText(/^library \S+ updated from schema v10 to v\d+; a backup of the old file is at /);
  } finally {
    stopWriting();
    backupSeen.resolve();
    release.resolve();
    await context.close();
    await host.stop();
    rmSync(libraryDir, { recursive: true, force: true });
  }
});
