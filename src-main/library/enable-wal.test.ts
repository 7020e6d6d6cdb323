import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { enableWal } from './enable-wal.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Another thread's connection holding a write transaction on a new file still in rollback mode, until told
 * `release` (then it commits after `afterMs`): the lock is held exactly as long as each test needs, whatever the load.
 */
async function holdWriteLock() {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-wal-'));
  const file = join(dir, 'library.sqlite');
  const worker = new Worker(
    `const { DatabaseSync } = require('node:sqlite');
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new DatabaseSync(workerData.file);
     db.exec('CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
     parentPort.on('message', (afterMs) => setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.close(); }, afterMs));
     parentPort.postMessage('holding');`,
    { eval: true, workerData: { file } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return { file, release: (afterMs: number) => worker.postMessage(afterMs), stop: () => worker.terminate() };
}

it('waits for a write lock held on a rollback-mode file instead of failing at once', async () => {
  const holder = await holdWriteLock();
  const db = new DatabaseSync(holder.file, { timeout: 5_000 });
  try {
    // The bare PRAGMA gives up at once, whatever the busy timeout: the failure several processes met together.
    expect(() => db.exec('PRAGMA journal_mode = WAL')).toThrow(/database is locked/);
    const t0 = Date.now();
    holder.release(200);
    enableWal(db, 5_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT x FROM t').all()).toEqual([{ x: 1 }]);
  } finally {
    db.close();
    await holder.stop();
  }
});

it('still fails, saying the database is locked, when the lock outlasts the timeout', async () => {
  const holder = await holdWriteLock();
  const db = new DatabaseSync(holder.file, { timeout: 100 });
  try {
    expect(() => enableWal(db, 100)).toThrow(/database is locked/);
  } finally {
    db.close();
    await holder.stop();
  }
});
