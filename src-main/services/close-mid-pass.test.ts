import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { createProcessor } from '../library/processor.ts';
import { openAppServices } from './app-services.ts';
import { SAMPLE_DIR } from './paths.ts';

/**
 * Closing the services while the first start's background passes run (a Ctrl+C, a window closed) merges the
 * write-ahead log into the library file: stopped so under `npm start`, a CI run left 1.3 MB of log, committed but only
 * in the log, read back at the next open.
 */

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-close-mid-pass-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('closed mid-pass, with another connection open, the library is one whole file: its log merged (empty) and its check ok', async () => {
  const libraryDir = join(dir, 'lib');
  // A first start's library, its stored page views dropped: the previews' pass encodes them again, on its worker.
  const first = await openAppServices({ libraryDir, host: 'browser', version: 'test', processor: createProcessor(), sampleDir: SAMPLE_DIR });
  await first.close();
  const old = new DatabaseSync(join(libraryDir, 'library.sqlite'));
  old.exec('UPDATE pages SET view = NULL');
  old.close();
  const services = await openAppServices({ libraryDir, host: 'browser', version: 'test', processor: createProcessor() });
  // One page's view stored again, the others not yet: closed in the middle of the pass.
  const views = services.store.db.prepare('SELECT count(view) AS made, count(*) AS pages FROM pages');
  await expect.poll(() => (views.get() as { made: number }).made, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((views.get() as { made: number; pages: number }).made).toBeLessThan((views.get() as { pages: number }).pages);
  // Another connection to the library, idle (the CLI's, a second window's, a worker's not yet ended): the services'
  // close is then not the last, which is all SQLite's own merge on close does.
  const file = join(libraryDir, 'library.sqlite');
  const other = new DatabaseSync(file, { readOnly: true });
  try {
    expect((other.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(2);
    await services.close();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  } finally {
    other.close();
  }
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    db.close();
  }
}, 120_000);
