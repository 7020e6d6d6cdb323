import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { enableWal } from './enable-wal.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Another thread's connection holding a write transaction on a file still in rollback mode, for `holdMs`. */
function holdWriteLock(file: string, holdMs: number): Promise<Worker> {
  const worker = new Worker(
    `const { DatabaseSync } = require('node:sqlite');
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new DatabaseSync(workerData.file);
     db.exec('CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
     parentPort.postMessage('holding');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, workerData.holdMs);`,
    { eval: true, workerData: { file, holdMs } },
  );
  return new Promise((resolve) => worker.once('message', () => resolve(worker)));
}

it('waits for a write lock held on a rollback-mode file instead of failing at once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-wal-'));
  const file = join(dir, 'library.sqlite');
  const holder = await holdWriteLock(file, 300);
  const db = new DatabaseSync(file, { timeout: 5_000 });
  try {
    // The bare PRAGMA gives up at once, whatever the busy timeout: the failure several processes met together.
    expect(() => db.exec('PRAGMA journal_mode = WAL')).toThrow(/database is locked/);
    const t0 = Date.now();
    enableWal(db, 5_000);
    expect(Date.now() - t0).toBeGreaterThan(100);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT x FROM t').all()).toEqual([{ x: 1 }]);
  } finally {
    db.close();
    await holder.terminate();
  }
});

it('still fails, saying the database is locked, when the lock outlasts the timeout', async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-wal-'));
  const file = join(dir, 'library.sqlite');
  const holder = await holdWriteLock(file, 2_000);
  const db = new DatabaseSync(file, { timeout: 100 });
  try {
    expect(() => enableWal(db, 100)).toThrow(/database is locked/);
  } finally {
    db.close();
    await holder.terminate();
  }
});
