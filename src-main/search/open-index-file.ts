import { DatabaseSync } from 'node:sqlite';
import { rmSync } from 'node:fs';
import { BUSY_TIMEOUT_MS } from '../library/library-store.ts';
import { enableWal } from '../library/enable-wal.ts';

/**
 * Opens (creating or resetting as needed) a derived SQLite file that several
 * processes may open at once: the app, the browser host, CLI imports, the
 * index worker. Why this is careful: deleting a WAL database, its -wal or
 * its -shm while another process has it open gives that process "disk I/O
 * error" (or worse, a connection on a file nobody else sees). Earlier
 * versions did exactly that when two imports created a new library's
 * search.sqlite at once: the second found the file before the first had
 * written its schema version, took it for an outdated index, and deleted it.
 *
 * So:
 * - the busy timeout is set when the connection opens, and the WAL switch
 *   (which needs a lock another process may hold for a moment, and which
 *   SQLite does not busy-wait for on a file in rollback mode) is retried
 *   (enableWal);
 * - creating the schema and resetting an outdated one happen in place, in one
 *   BEGIN IMMEDIATE transaction that re-reads the version first: another
 *   process that got there meanwhile is seen, and nothing is deleted;
 * - only a file SQLite itself calls damaged (not a database, corrupt) is
 *   deleted and made again, under an exclusive lock (`<file>.lock`, a SQLite
 *   lock, so a killed process never leaves it held) and after checking again
 *   under that lock, so two processes never delete each other's fresh file.
 *   Busy, locked, I/O and every other error are thrown, never taken for damage.
 */

export type IndexFileReason = 'new' | 'outdated' | 'damaged' | null;

export interface IndexFileSchema {
  /** The version this build writes, and the one a current file holds. */
  expected: number;
  /** The version the open file holds, or null when it holds none (new, or made before versions). */
  version(db: DatabaseSync): number | null;
  /** Creates everything in an empty database and records `expected`; runs inside a write transaction. */
  create(db: DatabaseSync): void;
}

/** SQLite primary result codes that mean the file itself is not a usable database. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

export function isDamage(err: unknown): boolean {
  const code = (err as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && ((code & 0xff) === SQLITE_CORRUPT || (code & 0xff) === SQLITE_NOTADB);
}

function connect(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    enableWal(db, BUSY_TIMEOUT_MS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Brings an open, undamaged file to `expected` in one write transaction; says what it had to do. */
function bringCurrent(db: DatabaseSync, schema: IndexFileSchema): IndexFileReason {
  if (schema.version(db) === schema.expected) return null;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read again under the write lock: another process may have created or reset it while this one waited.
    let reason: IndexFileReason = null;
    if (schema.version(db) !== schema.expected) {
      const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined;
      if (hasTables) dropEverything(db);
      schema.create(db);
      reason = hasTables ? 'outdated' : 'new';
    }
    db.exec('COMMIT');
    return reason;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** Drops every table, view and trigger: virtual tables first (newest first), which drop their own shadow tables. */
function dropEverything(db: DatabaseSync): void {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const names = (where: string) => (db.prepare(`SELECT name FROM sqlite_master WHERE ${where} ORDER BY rowid DESC`).all() as Array<{ name: string }>).map((r) => r.name);
  for (const name of names("type = 'view'")) db.exec(`DROP VIEW IF EXISTS ${quote(name)}`);
  for (const name of names("type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")) db.exec(`DROP TABLE IF EXISTS ${quote(name)}`);
  for (const name of names("type = 'table' AND name NOT LIKE 'sqlite_%'")) db.exec(`DROP TABLE IF EXISTS ${quote(name)}`);
}

/** Runs fn holding an exclusive lock shared by every process on this machine; released on close, or when the process dies. */
function withFileLock<T>(lockPath: string, fn: () => T): T {
  const lock = new DatabaseSync(lockPath, { timeout: BUSY_TIMEOUT_MS });
  try {
    lock.exec('BEGIN EXCLUSIVE');
    try {
      return fn();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

/** Connects and brings the file current, or returns 'damaged' when SQLite says the file is not a usable database. */
function tryOpen(path: string, schema: IndexFileSchema): { db: DatabaseSync; reason: IndexFileReason } | 'damaged' {
  let db: DatabaseSync | null = null;
  try {
    db = connect(path);
    return { db, reason: bringCurrent(db, schema) };
  } catch (err) {
    db?.close();
    if (isDamage(err)) return 'damaged';
    throw err;
  }
}

export function openIndexFile(path: string, schema: IndexFileSchema): { db: DatabaseSync; reason: IndexFileReason } {
  const first = tryOpen(path, schema);
  if (first !== 'damaged') return first;
  return withFileLock(`${path}.lock`, () => {
    // Another process may have replaced the damaged file while this one waited for the lock.
    const again = tryOpen(path, schema);
    if (again !== 'damaged') return again;
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    const db = connect(path);
    bringCurrent(db, schema);
    return { db, reason: 'damaged' as const };
  });
}
