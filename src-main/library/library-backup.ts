import * as fs from 'node:fs';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as sqlite from 'node:sqlite';
import { backup, type DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pidAlive } from './import-owner.ts';

/**
 * The copy of a library taken before a migration changes it
 * (migrations.ts). A backup that is there is whole: it is written under a
 * name that says it is not (`….partial-<host>-<pid>`), checked, flushed to disk,
 * and only then renamed to its own name. A crash or a quit part-way leaves
 * the library untouched (the copy only reads it) and at most a `.partial`
 * file, which the next backup of that library on the same machine removes
 * once its process is gone.
 */

/** Pages (of the database file) copied so far, of how many. */
export interface BackupProgress {
  done: number;
  total: number;
}

/** A backup taken before migrating, and PRAGMA data_version before it began: migrate() checks no other process wrote since. */
export interface PreparedBackup {
  path: string;
  dataVersion: number;
}

/** Database pages a step of the online backup copies: ~1 MB at SQLite's 4 KiB pages, a few milliseconds off the main thread. */
export const BACKUP_STEP_PAGES = 256;

/** Where the backup of the library at `dbPath`, at schema `from`, goes: `library.sqlite.bak-v<from>-<time>`, never over another. */
export function backupPathFor(dbPath: string, from: number, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let path = `${dbPath}.bak-v${from}-${stamp}`;
  for (let i = 2; existsSync(path); i++) path = `${dbPath}.bak-v${from}-${stamp}-${i}`;
  return path;
}

function partialPath(path: string): string {
  return `${path}.partial-${hostname()}-${process.pid}`;
}

export function dataVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
}

/**
 * Takes the backup on this thread with VACUUM INTO (the CLI: a command
 * waits for it anyway). VACUUM INTO reads one consistent snapshot, WAL
 * included, and writes a compact copy.
 */
export function takeBackupSync(db: DatabaseSync, path: string, expectVersion: number): void {
  const partial = partialPath(path);
  removeAbandonedPartials(path);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    seal(partial, path, expectVersion);
  } catch (err) {
    removePartial(partial);
    throw err;
  }
}

/**
 * Takes the backup with SQLite's online backup API (node:sqlite backup()):
 * its steps run on libuv's thread pool, BACKUP_STEP_PAGES at a time, so the
 * main thread stays free to draw the app and say how far it got. Another
 * process writing meanwhile makes SQLite start the copy again: when it
 * resolves, the copy is the library as it was at that moment.
 */
export async function takeBackup(db: DatabaseSync, path: string, expectVersion: number, onProgress?: (p: BackupProgress) => void): Promise<PreparedBackup> {
  const partial = partialPath(path);
  removeAbandonedPartials(path);
  // Read before the copy: migrate() compares it under the write lock. A commit by another process during the copy (which
  // SQLite copies again) makes it look stale too: at worst one needless second copy.
  const version = dataVersion(db);
  try {
    onProgress?.({ done: 0, total: pageCount(db) });
    const copied = await backup(db, partial, {
      rate: BACKUP_STEP_PAGES,
      progress: ({ totalPages, remainingPages }) => onProgress?.({ done: totalPages - remainingPages, total: totalPages }),
    });
    // SQLite's last step (the one that finishes) is not told to progress: all of it, here.
    onProgress?.({ done: copied, total: copied });
    await sealOffThread(partial, path, expectVersion);
    return { path, dataVersion: version };
  } catch (err) {
    removePartial(partial);
    throw err;
  }
}

function pageCount(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
}

/** Checks the copy and flushes it (checkAndFlush), then gives it its name, on this thread: the CLI's way. */
function seal(partial: string, path: string, expectVersion: number): void {
  checkAndFlush(partial, path, expectVersion, sqlite, fs);
  rename(partial, path);
}

/**
 * The same, the check and the flush on a worker thread: quick_check reads the whole copy (~1 s for a 700 MB library
 * on this machine, bench/raw-items-upgrade.ts) and fsync waits for the disk, neither of which the app's main thread
 * should. The worker's whole source is checkAndFlush itself, so it needs no file of its own in the app's bundle.
 */
async function sealOffThread(partial: string, path: string, expectVersion: number): Promise<void> {
  const source = `const { workerData: w } = require('node:worker_threads');
(${checkAndFlush.toString()})(w.partial, w.path, w.expectVersion, require('node:sqlite'), require('node:fs'));`;
  await new Promise<void>((done, fail) => {
    const worker = new Worker(source, { eval: true, workerData: { partial, path, expectVersion } });
    worker.once('error', fail);
    worker.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${path}: the backup's check stopped (exit code ${code})`))));
  });
  rename(partial, path);
}

/**
 * Checks the copy, makes it one self-contained file and flushes it to disk. The checks: SQLite's quick_check (every
 * page readable, every row where its index says) and the schema version the copy is of. It uses its parameters and
 * nothing else: it is also a worker's source (sealOffThread).
 */
function checkAndFlush(partial: string, path: string, expectVersion: number, sqliteModule: typeof sqlite, fsModule: typeof fs): void {
  const copy = new sqliteModule.DatabaseSync(partial);
  try {
    // The online backup copies the library's header, WAL mode with it: a backup is one file, no -wal beside it.
    copy.exec('PRAGMA journal_mode = DELETE');
    const check = (copy.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>).map((r) => r.quick_check);
    if (check.length !== 1 || check[0] !== 'ok') throw new Error(`${path}: the backup failed its check (${check.slice(0, 3).join('; ')})`);
    const version = (copy.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version !== expectVersion) throw new Error(`${path}: the backup is of schema v${version}, expected v${expectVersion}`);
  } finally {
    copy.close();
  }
  const fd = fsModule.openSync(partial, 'r');
  try {
    fsModule.fsyncSync(fd);
  } finally {
    fsModule.closeSync(fd);
  }
}

function rename(partial: string, path: string): void {
  fs.renameSync(partial, path);
  // The rename itself, on disk: else a power cut could leave the copy under its partial name, or none.
  let fd: number;
  try {
    fd = fs.openSync(dirname(path), 'r');
  } catch {
    return; // Windows opens no folder: its renames are kept by the file system's own journal
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (network drives) flush no folder: the rename stands as they keep it.
  } finally {
    fs.closeSync(fd);
  }
}

function removePartial(partial: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
}

/** `.partial-<pid>` copies of this library's backups whose process is gone (a crash, a quit part-way): never whole, safe to drop. */
function removeAbandonedPartials(path: string): void {
  const dir = dirname(path);
  const prefix = basename(path).replace(/\.bak-.*$/, '.bak-');
  for (const name of readdirSync(dir)) {
    const m = /\.partial-(.+)-(\d+)(-journal|-wal|-shm)?$/.exec(name);
    // Another machine's (a library on a network drive): whether its process lives is not known here.
    if (!m || !name.startsWith(prefix) || m[1] !== hostname() || pidAlive(Number(m[2]))) continue;
    rmSync(join(dir, name), { force: true });
  }
}

