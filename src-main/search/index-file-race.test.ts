import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from '../library/library-store.ts';
import { verifyLibrary } from '../library/verify-library.ts';
import { isDamage } from './open-index-file.ts';
import { SEARCH_FILE, SearchIndex } from './search-index.ts';

/**
 * Several processes creating one new library at once (two CLI imports, the
 * app and the CLI). The index file used to be deleted under a process that
 * was still creating it: the other one saw the file before its schema was
 * committed, took it for outdated, removed search.sqlite, -wal and -shm,
 * and the first failed with "disk I/O error".
 */

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', 'node', 'bin', 'node');

function start(script: string, args: string[]) {
  const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', join(ROOT, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout! });
  const line = (want: string) => new Promise<void>((resolve) => lines.on('line', (l) => l === want && resolve()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, line, done };
}

describe('a new library opened by several processes at once', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-index-race-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a process opening the search index while another is creating it waits for it, and deletes nothing', async () => {
    const library = join(dir, 'held');
    // The folder exists, as LibraryStore makes it before the index is opened.
    mkdirSync(library);
    const holder = start('src-main/search/testing/hold-index-creation.ts', [library]);
    await holder.line('holding');
    const opener = start('src-main/search/testing/open-index.ts', [library]);
    await opener.line('opening');
    // The opener must not finish while the creator holds its transaction; give it time to do harm if it would.
    const openerDone = await Promise.race([opener.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1500))]);
    holder.child.stdin!.write('go\n');
    const [h, o] = await Promise.all([holder.done, opener.done]);
    expect(h.stderr).toBe('');
    expect(h.code).toBe(0);
    expect(o.stderr).toBe('');
    expect(o.code).toBe(0);
    // What the holder wrote is in the index (the old code deleted the file under it, and its commit went to a deleted file).
    const index = new SearchIndex(library);
    try {
      expect(index.resetReason).toBeNull();
      expect(index.matchedLibrary()).toBe('holder');
    } finally {
      index.close();
    }
    // The opener found the index the holder made, current, after waiting for it: nothing reset, nothing deleted.
    expect(o.stdout).toContain('opened null');
    expect(openerDone, 'the opener finished while the index was still being created').toBe(false);
  });

  it('a damaged index found by four processes at once is made again by exactly one of them', async () => {
    const library = join(dir, 'damaged');
    mkdirSync(library);
    writeFileSync(join(library, SEARCH_FILE), 'this is not a database, it was torn by a crash');
    const runs = Array.from({ length: 4 }, () => start('src-main/search/testing/open-index.ts', [library]));
    for (const r of runs) r.child.stdin!.end();
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const reasons = results.map((r) => /opened (\S+)/.exec(r.stdout)![1]).sort();
    expect(reasons).toEqual(['damaged', 'null', 'null', 'null']);
  });

  it('takes only "not a database" and "corrupt" for damage, never busy, locked or I/O errors', () => {
    expect(isDamage({ errcode: 26 })).toBe(true); // SQLITE_NOTADB
    expect(isDamage({ errcode: 11 })).toBe(true); // SQLITE_CORRUPT
    expect(isDamage({ errcode: 267 })).toBe(true); // SQLITE_CORRUPT_VTAB
    expect(isDamage({ errcode: 5 })).toBe(false); // SQLITE_BUSY
    expect(isDamage({ errcode: 6 })).toBe(false); // SQLITE_LOCKED
    expect(isDamage({ errcode: 10 })).toBe(false); // SQLITE_IOERR
    expect(isDamage({ errcode: 522 })).toBe(false); // SQLITE_IOERR_SHORT_READ
    expect(isDamage(new Error('anything else'))).toBe(false);
  });

  it('six processes creating one new library at once all succeed, and keep every document', async () => {
    for (let round = 0; round < 2; round++) {
      const library = join(dir, `six-${round}`);
      const labels = Array.from({ length: 6 }, (_, i) => `r${round}p${i}`);
      const runs = labels.map((label) => start('src-main/library/testing/open-new-library.ts', [library, label]));
      for (const r of runs) r.child.stdin!.end();
      const results = await Promise.all(runs.map((r) => r.done));
      for (const r of results) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
      const store = new LibraryStore(library);
      try {
        expect(store.list().map((d) => d.title).sort()).toEqual(labels.sort());
        expect(verifyLibrary(store).problems).toEqual([]);
        const index = new SearchIndex(library);
        try {
          expect(index.resetReason).toBeNull();
          expect([...index.documents().keys()].sort()).toEqual(store.list().map((d) => d.id).sort());
        } finally {
          index.close();
        }
      } finally {
        store.close();
      }
    }
  }, 120_000);
});
