import { DatabaseSync } from 'node:sqlite';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { chmod as chmodAsync, mkdir as mkdirAsync, open as openAsync, readFile as readFileAsync, rename as renameAsync } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { sha256Async } from './sha256-async.ts';
import { markDone, markLive, OWN_HOST, ownerAlive, tempAbandoned, tempName, type ImportOwner } from './import-owner.ts';
import { DOCUMENT_ID_RE, NO_PLACEMENT, type DocumentDetail, type DocumentMetadata, type DocumentPlacement, type DocumentSummary, type LibrarySort, type MetadataSource, type SourceKind } from '../../core/library-model.ts';
import type { CleanedPage, PageModel, RawPage } from '../../core/page-model.ts';
import { loadSettings, type Settings, type SettingsPatch } from '../../core/settings.ts';
import { backupNeeded, MAX_BACKUP_ATTEMPTS, migrate, MIGRATIONS, type MigrationReport } from './migrations.ts';
import { migrationWorker, StaleBackupOffThread } from './library-migration.ts';
import { backupPathFor, takeBackup, type BackupProgress, type PreparedBackup } from './library-backup.ts';
import { announceMigration, libraryMigrated, type LibraryMigrated } from './migration-notice.ts';
import { enableWal } from './enable-wal.ts';
import { removePreviews } from '../previews/preview-files.ts';
import type { JsonText } from '../extract/processed-page.ts';
import { joinRawPage, splitRawPage, storedRawOf, type StoredRaw } from './raw-items-codec.ts';

/**
 * The archive on disk: original bytes content-addressed by SHA-256 under
 * objects/, everything derived in one SQLite file. Originals are written
 * once, read-only, and never touched again; a document row appears only
 * after all its pages are stored, so a failed or killed import leaves
 * nothing visible.
 *
 * Several processes may open one library at once (the app, the browser host,
 * CLI imports). An import in progress is a row in `imports` (owner pid, host,
 * heartbeat, the document id it is writing); its pages go to `pages` as they
 * come, invisible until the transaction that adds the document row. Opening
 * the library only clears what a dead owner left behind (pages of a document
 * id that no document and no live import has), so it can never damage another
 * process's import. Two processes importing the same bytes write identical
 * pages; the first commit wins and the other reports a duplicate.
 */

/** How long a process waits for another's write transaction before giving up with "database is locked". */
export const BUSY_TIMEOUT_MS = 30_000;
/** How long closing the library waits for other connections' readers before leaving the log to be merged later. */
const CLOSE_CHECKPOINT_WAIT_MS = 1000;
/** Heartbeats are written at most this often while pages arrive. */
const HEARTBEAT_EVERY_MS = 30_000;

interface DocumentRow {
  id: string;
  kind: SourceKind;
  file_name: string;
  size: number;
  imported_at: string;
  fixity_checked_at: string;
  page_count: number;
  newspaper: string;
  date: string;
  page: number | null;
  edition: string;
  title: string;
  language: string;
  lccn: string;
  issue: string;
  sequence: number | null;
  page_label: string;
  volume: string;
  number: string;
  metadata_source: MetadataSource;
}

export interface ListQuery {
  sort?: LibrarySort;
  newspaper?: string;
  dateFrom?: string;
  dateTo?: string;
}

/** A document being written: pages go in as they are extracted, the document appears on commit. */
export interface PendingDocument {
  addPage(raw: RawPage, cleaned: CleanedPage): void;
  /**
   * addPage with the models already as JSON text, a string or its UTF-8 bytes (made by an extraction worker: ProcessedPage); `viewJson`: the page view's, stored with it (page-views.ts).
   * The raw page may come already split for storage (StoredRaw: raw-items-codec.ts), as a worker makes it.
   */
  addPageJson(number: number, rawJson: JsonText | StoredRaw, cleanedJson: JsonText, viewJson?: JsonText | null): void;
  /** Throws DuplicateDocumentError when another process committed the same bytes meanwhile. */
  /** language may be left out: '' (detect from the text). */
  /** `layoutOriginal`: id of the stored ALTO file the pages' layout came from (storeOriginal), if any. */
  commit(meta: Omit<DocumentMetadata, 'language'> & { language?: string }, placement?: DocumentPlacement, layoutOriginal?: string | null): DocumentSummary;
  abort(): void;
}

export class DuplicateDocumentError extends Error {
  readonly id: string;
  constructor(id: string) {
    super(`document ${id} already exists`);
    this.id = id;
  }
}

export interface RemoveResult {
  removed: string[];
  /** Ids given that name no document. */
  missing: string[];
  /** Originals deleted because no document uses them any more. */
  originalsDeleted: number;
}

/** Per document: stored page rows, and the lowest and highest page number among them. */
export interface PageTally {
  id: string;
  expected: number;
  stored: number;
  min: number | null;
  max: number | null;
}

/** A document id is the SHA-256 of its original: one pattern, core/library-model's. */
export const SHA256_RE = DOCUMENT_ID_RE;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The library's database in `dir` (its folders made), in WAL mode, waiting BUSY_TIMEOUT_MS for other writers. */
function openLibraryDb(dir: string): DatabaseSync {
  mkdirSync(join(dir, 'objects'), { recursive: true });
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const db = new DatabaseSync(join(dir, 'library.sqlite'), { timeout: BUSY_TIMEOUT_MS });
  enableWal(db, BUSY_TIMEOUT_MS);
  return db;
}

export class LibraryStore {
  readonly dir: string;
  /** The migration opening this library ran (with its backup), or null: the app shows it as a note (app.info). */
  readonly migrated: LibraryMigrated | null;
  /** Shared with the stores of annotations, corrections and articles (src-main/library/*-store.ts). */
  readonly db: DatabaseSync;
  private readonly objectsDir: string;

  private readonly tmpDir: string;
  /** Imports begun through this store and not finished: closing the store ends them. */
  private readonly ownImports = new Set<string>();

  /**
   * Opens the library in `dir`, making it if need be. A library an older Broadsheet wrote is backed up, then migrated,
   * here on this thread (the CLI: a command waits for it anyway). The app opens with LibraryStore.open instead.
   * `opened`: the connection and the backup LibraryStore.open prepared, and `report`, the migrations it ran on a worker.
   */
  constructor(dir: string, opened?: { db: DatabaseSync; backup: PreparedBackup | null; report?: MigrationReport }) {
    this.dir = dir;
    this.objectsDir = join(dir, 'objects');
    this.tmpDir = join(dir, 'tmp');
    this.db = opened?.db ?? openLibraryDb(dir);
    // Versioned schema (src-main/library/migrations.ts): a backup first, then each pending migration in its own transaction.
    const report = opened?.report ?? migrate(this.db, join(dir, 'library.sqlite'), MIGRATIONS, undefined, opened?.backup ?? null);
    this.migrated = libraryMigrated(dir, report, this.db);
    announceMigration(this.migrated);
    // Leftovers of imports whose process died: never visible, safe to drop. Live imports are untouched.
    this.collectGarbage();
  }

  /**
   * Opens the library as the app does: the backup a migration needs first is taken by SQLite's online backup, off
   * the main thread (library-backup.ts), saying how far it got; the migrations then run on a worker thread of their
   * own (library-migration.ts), and this thread is free all along. At 10,000 scans VACUUM INTO on the main thread (the
   * constructor's way) froze the app for ~40 s, showing nothing; the migrations on it, seconds more, and in Electron
   * no window could even be told the library was being updated.
   * `migrateWorkerUrl`: where the bundle put migrate-worker.ts (Electron).
   */
  static async open(dir: string, opts: { onBackup?: (p: BackupProgress) => void; migrateWorkerUrl?: URL | string } = {}): Promise<LibraryStore> {
    const db = openLibraryDb(dir);
    try {
      const dbPath = join(dir, 'library.sqlite');
      for (let attempt = 1; ; attempt++) {
        const from = backupNeeded(db);
        // Up to date, or new and empty (made whole in one short transaction): opened here, as the CLI does.
        if (from === null) return new LibraryStore(dir, { db, backup: null });
        // Started before the copy begins: it counts other connections' commits from then (migrate-worker.ts).
        const worker = await migrationWorker(dbPath, BUSY_TIMEOUT_MS, opts.migrateWorkerUrl);
        let backup: PreparedBackup;
        try {
          backup = await takeBackup(db, backupPathFor(dbPath, from, new Date()), from, opts.onBackup);
        } catch (err) {
          await worker.stop();
          throw err;
        }
        // Total 0: the copy is whole and checked, as the other background passes say done (core/contract.ts); a
        // window opening the library now says it is being updated.
        opts.onBackup?.({ done: 0, total: 0 });
        try {
          const report = await worker.run(backup.path);
          return new LibraryStore(dir, { db, backup, report });
        } catch (err) {
          // Another process wrote between the copy and the migration's lock: a fresh copy (the first stays, whole, older).
          if (!(err instanceof StaleBackupOffThread) || attempt === MAX_BACKUP_ATTEMPTS) throw err;
        }
      }
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /**
   * Ends this store's imports, merges the write-ahead log into the library file and empties it, and closes. SQLite
   * merges it on close only when no other connection is open (another process's, a worker's not yet ended): a stop
   * during the first start's background passes left 1.3 MB of log, committed but only there.
   */
  close(): void {
    for (const id of this.ownImports) markDone(id);
    this.ownImports.clear();
    try {
      // Another process's reader holds the merge back: waited for a moment, not the 30 s a write would; the log is
      // then merged by whichever connection closes last, as before.
      this.db.exec(`PRAGMA busy_timeout = ${CLOSE_CHECKPOINT_WAIT_MS}; PRAGMA wal_checkpoint(TRUNCATE);`);
    } catch {
      // Busy or read-only: nothing lost, the log stays committed beside the file.
    }
    this.db.close();
  }

  /**
   * SQLite's PRAGMA data_version: changes whenever another connection (the
   * CLI, a second app) commits to this library, never for our own writes. A
   * cheap read: the library watch polls it.
   */
  dataVersion(): number {
    return Number((this.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE: waits for other writers, then excludes them). */
  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /**
   * Drops what dead imports left (their pages, their originals if no
   * document uses them, temp files) and pages without a document. With
   * allOrphans (`verify --repair`) also every original that belongs to no
   * document: not done on every open, since a library.sqlite restored from an
   * older backup would otherwise cost the originals imported since.
   * Never touches an import whose process is alive. Returns what it removed.
   */
  collectGarbage(opts: { allOrphans?: boolean } = {}): { deadImports: number; orphanPages: number; orphanOriginals: number; tempFiles: number } {
    const dead = this.transaction(() => {
      const rows = this.db.prepare('SELECT id, doc_id, owner_pid, owner_host, heartbeat_at FROM imports').all() as unknown as Array<ImportOwner & { doc_id: string }>;
      const gone = rows.filter((r) => !ownerAlive(r));
      for (const r of gone) this.db.prepare('DELETE FROM imports WHERE id = ?').run(r.id);
      // Pages of no document that no live import is writing: what dead imports (or older versions) left.
      const pages = this.db.prepare('DELETE FROM pages WHERE doc_id NOT IN (SELECT id FROM documents) AND doc_id NOT IN (SELECT doc_id FROM imports)').run();
      return { docIds: gone.map((r) => r.doc_id), pages: Number(pages.changes) };
    });
    const orphanPages = dead.pages;
    let tempFiles = 0;
    for (const name of safeReaddir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      try {
        if (tempAbandoned(name, lstatSync(path).mtimeMs)) {
          rmSync(path, { recursive: true, force: true });
          tempFiles++;
        }
      } catch {
        // Gone already: its writer renamed it.
      }
    }
    let orphanOriginals = 0;
    const candidates = opts.allOrphans ? this.orphanOriginals() : [...new Set(dead.docIds)];
    for (const id of candidates) if (this.deleteOriginalIfUnused(id)) orphanOriginals++;
    return { deadImports: dead.docIds.length, orphanPages, orphanOriginals, tempFiles };
  }

  /** Ids of files under objects/ that no document uses and no live import is writing. */
  orphanOriginals(): string[] {
    const used = new Set(
      (
        this.db
          .prepare('SELECT id FROM documents UNION SELECT doc_id FROM imports UNION SELECT layout_original FROM documents WHERE layout_original IS NOT NULL')
          .all() as Array<{ id: string }>
      ).map((r) => r.id),
    );
    return this.objectIds().filter((id) => !used.has(id));
  }

  /** Every original on disk, by id. */
  objectIds(): string[] {
    const ids: string[] = [];
    for (const prefix of safeReaddir(this.objectsDir)) {
      if (!/^[a-f0-9]{2}$/.test(prefix)) continue;
      for (const name of safeReaddir(join(this.objectsDir, prefix))) if (SHA256_RE.test(name) && name.startsWith(prefix)) ids.push(name);
    }
    return ids.sort();
  }

  /**
   * Deletes an original that no document and no import in progress uses. The
   * check and the unlink happen under the write lock, and an import registers
   * itself (in the same lock) before it looks for its original on disk, so an
   * original some process is about to rely on is never deleted.
   */
  private deleteOriginalIfUnused(id: string): boolean {
    return this.transaction(() => {
      const used =
        this.db.prepare('SELECT 1 FROM documents WHERE id = ? OR layout_original = ?').get(id, id) !== undefined ||
        this.db.prepare('SELECT 1 FROM imports WHERE doc_id = ?').get(id) !== undefined;
      if (used) return false;
      const path = join(this.objectsDir, id.slice(0, 2), id);
      try {
        unlinkSync(path);
        return true;
      } catch {
        return false;
      }
    });
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  /** Path of the original bytes, or null; never a path outside objects/. */
  objectPath(id: string): string | null {
    if (!DOCUMENT_ID_RE.test(id)) return null;
    const path = join(this.objectsDir, id.slice(0, 2), id);
    if (!existsSync(path)) return null;
    // A symlink planted in the library must not lead out of it.
    const real = realpathSync(path);
    const root = realpathSync(this.objectsDir) + sep;
    return real.startsWith(root) ? real : null;
  }

  /**
   * Writes the original once (temp file, fsync, rename) and makes it read-only. Idempotent.
   * `knownId`: the caller hashed these very bytes already (import does, to find duplicates);
   * hashing a large scan twice cost as much as writing it.
   */
  storeOriginal(bytes: Uint8Array, knownId?: string): string {
    const id = knownId ?? sha256(bytes);
    const dir = join(this.objectsDir, id.slice(0, 2));
    const target = join(dir, id);
    // An existing copy is trusted only if it still hashes right; a damaged one is replaced by these good bytes.
    if (existsSync(target) && sha256(readFileSync(target)) === id) return id;
    mkdirSync(dir, { recursive: true });
    // The temp name carries our pid: another process opening the library removes it only once we are gone.
    const tmp = join(this.tmpDir, tempName(randomBytes(8).toString('hex')));
    const fd = openSync(tmp, 'wx', 0o444);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    chmodSync(target, 0o444);
    return id;
  }

  /**
   * storeOriginal with the hashing, writing and fsync on libuv's thread pool: a batch import's main thread goes
   * on storing pages and handing files to the workers meanwhile (fsync alone held it ~25 ms a file, 0.6 s over
   * a batch of 24 scans and their ALTO). `bytes` must not change until it settles.
   */
  async storeOriginalAsync(bytes: Uint8Array, knownId?: string): Promise<string> {
    const id = knownId ?? (await sha256Async(bytes));
    const dir = join(this.objectsDir, id.slice(0, 2));
    const target = join(dir, id);
    if (existsSync(target) && (await sha256Async(await readFileAsync(target))) === id) return id;
    await mkdirAsync(dir, { recursive: true });
    const tmp = join(this.tmpDir, tempName(randomBytes(8).toString('hex')));
    const file = await openAsync(tmp, 'wx', 0o444);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await renameAsync(tmp, target);
    await chmodAsync(target, 0o444);
    return id;
  }

  readOriginal(id: string): Uint8Array {
    const path = this.objectPath(id);
    if (!path) throw new Error(`no original for document ${id}`);
    return readFileSync(path);
  }

  /** Records an import of document `id` owned by this process (an imports row with a heartbeat); returns its id. */
  private registerImport(id: string): string {
    const importId = randomUUID();
    markLive(importId);
    this.ownImports.add(importId);
    this.db
      .prepare('INSERT INTO imports (id, doc_id, owner_pid, owner_host, heartbeat_at) VALUES (?, ?, ?, ?, ?)')
      .run(importId, id, process.pid, OWN_HOST, Date.now());
    return importId;
  }

  /** This process no longer holds the import (its row is deleted by the caller where it must go). */
  private releaseImport(importId: string): void {
    markDone(importId);
    this.ownImports.delete(importId);
  }

  /** `importedAt`: the document's import time (ImportInput.queuedAt); absent, when it is committed. */
  begin(id: string, kind: SourceKind, fileName: string, size: number, importedAt?: string): PendingDocument {
    if (this.has(id)) throw new Error(`document ${id} already exists`);
    // Registered before the original is written or looked for: garbage collection in any process spares it from now on.
    const importId = this.registerImport(id);
    // Never over a committed document's rows (another process may have committed the same bytes meanwhile).
    const insertPage = this.db.prepare(
      // CAST: JSON given as UTF-8 bytes is stored as the TEXT it is, not as a BLOB (which SQLite's JSON functions would read as JSONB).
      'INSERT OR REPLACE INTO pages (doc_id, number, raw, raw_items, cleaned, view) SELECT ?, ?, CAST(? AS TEXT), ?, CAST(? AS TEXT), CAST(? AS TEXT) WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = ?)',
    );
    const beat = this.db.prepare('UPDATE imports SET heartbeat_at = ? WHERE id = ?');
    let lastBeat = Date.now();
    let closed = false;
    const addPageJson = (number: number, rawJson: JsonText | StoredRaw, cleanedJson: JsonText, viewJson: JsonText | null = null) => {
      if (closed) throw new Error('import already finished');
      const raw = storedRawOf(rawJson);
      insertPage.run(id, number, raw.json, raw.items, cleanedJson, viewJson, id);
      if (Date.now() - lastBeat > HEARTBEAT_EVERY_MS) beat.run((lastBeat = Date.now()), importId);
    };
    const finish = () => {
      closed = true;
      this.releaseImport(importId);
    };
    /** Ends this import's record; its pages go too unless a document or another live import owns them. */
    const drop = () => {
      this.db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
      this.db
        .prepare('DELETE FROM pages WHERE doc_id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM imports WHERE doc_id = ?)')
        .run(id, id, id);
    };
    return {
      addPage: (raw, cleaned) => addPageJson(raw.number, splitRawPage(raw), JSON.stringify(cleaned)),
      addPageJson,
      commit: (meta, placement = NO_PLACEMENT, layoutOriginal = null) => {
        if (closed) throw new Error('import already finished');
        const duplicate = this.transaction(() => {
          if (this.db.prepare('SELECT 1 FROM imports WHERE id = ?').get(importId) === undefined) {
            throw new Error('import was cancelled: its record vanished from the library (was it idle for an hour?)');
          }
          if (this.has(id)) {
            drop();
            return true;
          }
          const t = this.db.prepare('SELECT count(*) AS n, min(number) AS lo, max(number) AS hi FROM pages WHERE doc_id = ?').get(id) as {
            n: number;
            lo: number | null;
            hi: number | null;
          };
          if (t.n === 0) throw new Error('no pages');
          // Pages are numbered 1..N with none missing, or the document does not appear.
          if (t.lo !== 1 || t.hi !== t.n) throw new Error(`pages missing: stored ${t.n}, numbered ${t.lo}–${t.hi}`);
          const now = new Date().toISOString();
          this.db
            .prepare(
              `INSERT INTO documents (id, kind, file_name, size, imported_at, fixity_checked_at, page_count, newspaper, date, page, edition, title,
                 lccn, issue, sequence, page_label, volume, number, metadata_source, language)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(id, kind, fileName, size, importedAt ?? now, now, t.n, meta.newspaper, meta.date, meta.page, meta.edition, meta.title,
              placement.lccn, placement.issue, placement.sequence, placement.pageLabel, placement.volume, placement.number,
              placement.issue ? 'mets' : 'guess', meta.language ?? '');
          if (layoutOriginal) this.db.prepare('UPDATE documents SET layout_original = ? WHERE id = ?').run(layoutOriginal, id);
          this.db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
          return false;
        });
        finish();
        if (duplicate) throw new DuplicateDocumentError(id);
        return this.get(id)!;
      },
      abort: () => {
        if (closed) return;
        finish();
        this.transaction(drop);
        // A failed import leaves no original behind, unless a document or another import uses it.
        this.deleteOriginalIfUnused(id);
      },
    };
  }

  /**
   * Writes a document's pages again from its original (`verify --repair` of a
   * document with pages missing). Pages are replaced in place as they come
   * (same bytes, same pages), so readers never see fewer pages than before;
   * finish() then drops pages past the new count and sets the page count, in
   * one transaction. The import record keeps the original safe meanwhile.
   */
  rebuildPages(id: string): {
    addPage(raw: RawPage, cleaned: CleanedPage): void;
    addPageJson(number: number, rawJson: JsonText | StoredRaw, cleanedJson: JsonText, viewJson?: JsonText | null): void;
    finish(): number;
    abort(): void;
  } {
    if (!this.has(id)) throw new Error(`no document ${id}`);
    const importId = this.registerImport(id);
    const put = this.db.prepare('INSERT OR REPLACE INTO pages (doc_id, number, raw, raw_items, cleaned, view) VALUES (?, ?, CAST(? AS TEXT), ?, CAST(? AS TEXT), CAST(? AS TEXT))');
    let count = 0;
    const end = () => {
      this.db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
      this.releaseImport(importId);
    };
    return {
      addPage(raw, cleaned) {
        this.addPageJson(raw.number, splitRawPage(raw), JSON.stringify(cleaned));
      },
      addPageJson: (number, rawJson, cleanedJson, viewJson = null) => {
        const raw = storedRawOf(rawJson);
        put.run(id, number, raw.json, raw.items, cleanedJson, viewJson);
        count = Math.max(count, number);
      },
      finish: () =>
        this.transaction(() => {
          if (count === 0) throw new Error('no pages');
          this.db.prepare('DELETE FROM pages WHERE doc_id = ? AND number > ?').run(id, count);
          this.db.prepare('UPDATE documents SET page_count = ? WHERE id = ?').run(count, id);
          end();
          return count;
        }),
      abort: () => this.transaction(end),
    };
  }

  /**
   * Removes documents and everything derived from them in one transaction,
   * then the originals no other document or import uses, and their previews. Features that keep
   * rows per document (search index, annotations) delete them in
   * deleteDocumentRows, so a removal never leaves them behind.
   */
  removeDocuments(ids: string[]): RemoveResult {
    const unique = [...new Set(ids)];
    const removed: string[] = [];
    /** ALTO files the removed documents' layouts came from: deleted with them unless another document uses them. */
    const layouts: string[] = [];
    const missing: string[] = [];
    this.transaction(() => {
      for (const id of unique) {
        if (!this.has(id)) {
          missing.push(id);
          continue;
        }
        const layout = this.layoutOriginal(id);
        if (layout) layouts.push(layout);
        this.deleteDocumentRows(id);
        removed.push(id);
      }
    });
    // Separate, locked steps: an import of the same bytes starting meanwhile keeps its original.
    let originalsDeleted = 0;
    for (const id of removed) if (this.deleteOriginalIfUnused(id)) originalsDeleted++;
    for (const id of new Set(layouts)) this.deleteOriginalIfUnused(id);
    // Their previews too, here so every path that removes (the app, `broadsheet remove`) drops them — unless the same
    // bytes were imported again meanwhile. A preview a host was still writing is caught by its next background pass.
    for (const id of removed) if (!this.has(id)) removePreviews(this.dir, id);
    return { removed, missing, originalsDeleted };
  }

  /** Id of the stored ALTO file document `id`'s layout came from, or null. */
  layoutOriginal(id: string): string | null {
    const row = this.db.prepare('SELECT layout_original FROM documents WHERE id = ?').get(id) as { layout_original: string | null } | undefined;
    return row?.layout_original ?? null;
  }

  /** Deletes a stored file (an import's ALTO whose import failed) unless a document or an import uses it. */
  discardOriginal(id: string): void {
    this.deleteOriginalIfUnused(id);
  }

  /** Every row that belongs to one document; runs inside removeDocuments' transaction. */
  private deleteDocumentRows(id: string): void {
    this.db.prepare('DELETE FROM pages WHERE doc_id = ?').run(id);
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }

  /** Per document, how many page rows are stored and their number range (for verify). */
  pageTallies(): PageTally[] {
    return this.db
      .prepare(
        `SELECT d.id AS id, d.page_count AS expected, count(p.number) AS stored, min(p.number) AS min, max(p.number) AS max
         FROM documents d LEFT JOIN pages p ON p.doc_id = d.id GROUP BY d.id ORDER BY d.id`,
      )
      .all() as unknown as PageTally[];
  }

  /** SQLite's own consistency check: ['ok'] when the database file is sound. */
  integrityCheck(): string[] {
    return (this.db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  }

  /** Imports in progress in any process (live owners only). */
  importsInProgress(): number {
    const rows = this.db.prepare('SELECT id, owner_pid, owner_host, heartbeat_at FROM imports').all() as unknown as ImportOwner[];
    return rows.filter((r) => ownerAlive(r)).length;
  }

  /** SHA-256 of an original, read in chunks so a large scan never sits in memory whole. */
  hashOriginal(id: string): { digest: string; size: number } | null {
    const path = this.objectPath(id);
    if (!path) return null;
    const hash = createHash('sha256');
    const fd = openSync(path, 'r');
    const buf = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    try {
      for (let n: number; (n = readSync(fd, buf, 0, buf.length, null)) > 0; size += n) hash.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return { digest: hash.digest('hex'), size };
  }

  /** Up to `limit` document ids that start with `prefix` (lower-case hex), in order: an abbreviated id, resolved. */
  documentIdsStartingWith(prefix: string, limit: number): string[] {
    // A range on the primary key, not LIKE: hex digits all sort below 'g', so [prefix, prefix + 'g') is every id it begins.
    const rows = this.db.prepare('SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').all(prefix, `${prefix}g`, limit) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  get(id: string): DocumentDetail | null {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    return row ? toDetail(row) : null;
  }

  list(query: ListQuery = {}): DocumentSummary[] {
    const { sql, wholeSql, args } = listSql(query);
    // Reading 10,000 rows costs 200–400 ms; the answer is kept until this connection or another one writes.
    const key = `${this.writeStamp()}|${sql}|${args.join('\u0000')}`;
    if (this.listCache?.key !== key) this.listCache = { key, docs: (this.db.prepare(wholeSql).all(...args) as unknown as DocumentRow[]).map(toSummary) };
    return this.listCache.docs;
  }

  /**
   * Rows offset … offset + limit − 1 of the list and how many there are in
   * all: the first screenful at start, without reading 10,000 rows when the
   * whole list is not cached yet (SQLite sorts and stops at the limit).
   */
  listWindow(query: ListQuery, offset: number, limit: number): { docs: DocumentSummary[]; total: number; version: number } {
    const { sql, args, where } = listSql(query);
    const version = this.writeStamp();
    if (this.listCache?.key === `${version}|${sql}|${args.join('\u0000')}`) {
      return { docs: this.listCache.docs.slice(offset, offset + limit), total: this.listCache.docs.length, version };
    }
    // A window walks the order's index (migration 14) and stops after `limit` rows: no sort of the whole table.
    const rows = this.db.prepare(`${sql} LIMIT ? OFFSET ?`).all(...args, limit, offset) as unknown as DocumentRow[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM documents ${where}`).get(...args) as { n: number }).n;
    return { docs: rows.map(toSummary), total, version };
  }

  /** The documents_version counter: the same number, the same list. */
  documentsVersion(): number {
    return this.writeStamp();
  }

  private listCache: { key: string; docs: DocumentSummary[] } | null = null;

  /** Moves with every change to the documents table, by any connection (see migration 4 in migrations.ts). */
  private writeStamp(): number {
    return (this.db.prepare('SELECT version FROM documents_version').get() as { version: number }).version;
  }

  page(id: string, number: number): PageModel | null {
    const row = this.db.prepare('SELECT raw, raw_items, cleaned FROM pages WHERE doc_id = ? AND number = ?').get(id, number) as
      | { raw: string; raw_items: Uint8Array | null; cleaned: string }
      | undefined;
    if (!row || !this.has(id)) return null;
    return { ...joinRawPage(row.raw, row.raw_items, `document ${id} page ${number}`), ...(JSON.parse(row.cleaned) as CleanedPage) };
  }

  /** Saves the archivist's metadata: what they saved is no longer a guess. */
  updateMetadata(id: string, patch: Partial<DocumentMetadata>): DocumentSummary {
    this.updateMetadataOf([id], patch);
    return this.get(id)!;
  }

  /** The same patch on many documents (bulk editing), in one transaction; unknown ids refuse the whole change. */
  updateMetadataOf(ids: readonly string[], patch: Partial<DocumentMetadata>): number {
    return this.transaction(() => {
      const update = this.db.prepare(
        "UPDATE documents SET newspaper = ?, date = ?, page = ?, edition = ?, title = ?, language = ?, metadata_source = 'archivist' WHERE id = ?",
      );
      for (const id of ids) {
        const current = this.get(id);
        if (!current) throw new Error(`no document ${id}`);
        const next = { ...current, ...patch };
        update.run(next.newspaper, next.date, next.page, next.edition, next.title, next.language ?? '', id);
      }
      return ids.length;
    });
  }

  /** The newspaper name the archivist set for an LCCN, or ''. */
  titleName(lccn: string): string {
    if (!lccn) return '';
    return (this.db.prepare('SELECT newspaper FROM titles WHERE lccn = ?').get(lccn) as { newspaper: string } | undefined)?.newspaper ?? '';
  }

  /**
   * Names a title once for its LCCN: every page already in the library gets
   * the name, and pages imported later take it too. The pages are marked as
   * the archivist's (metadata_source), so the name outranks any METS spelling
   * an import brings (core/newspaper-titles.ts) and no import overwrites it.
   * One transaction. Returns how many documents changed their name.
   */
  renameTitle(lccn: string, newspaper: string): number {
    return this.transaction(() => {
      this.db.prepare('INSERT INTO titles (lccn, newspaper) VALUES (?, ?) ON CONFLICT(lccn) DO UPDATE SET newspaper = excluded.newspaper').run(lccn, newspaper);
      const renamed = Number(this.db.prepare('UPDATE documents SET newspaper = ? WHERE lccn = ? AND newspaper != ?').run(newspaper, lccn, newspaper).changes);
      this.db.prepare("UPDATE documents SET metadata_source = 'archivist' WHERE lccn = ? AND metadata_source != 'archivist'").run(lccn);
      return renamed;
    });
  }

  settings(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    const stored: Record<string, unknown> = {};
    for (const { key, value } of rows) {
      try {
        stored[key] = JSON.parse(value);
      } catch {
        // A corrupt value falls back to its default.
      }
    }
    return loadSettings(stored);
  }

  updateSettings(patch: SettingsPatch): Settings {
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    return this.settings();
  }
}

/** The list's SQL, shared by the whole list and its windows. */
/**
 * `sql`: the list in its order, for a window (LIMIT/OFFSET appended), which
 * walks the order's index (migration 14, whose terms repeat these exactly).
 * `wholeSql`: the same rows for the whole list, unfiltered, read by one scan
 * and sorted: walking the index fetches the rows one lookup at a time, slower
 * for all of them (10,000: ~85 against ~70 ms CPU).
 */
export function listSql(query: ListQuery): { sql: string; wholeSql: string; args: string[]; where: string } {
  const clauses: string[] = [];
  const args: string[] = [];
  if (query.newspaper) {
    clauses.push('newspaper = ?');
    args.push(query.newspaper);
  }
  if (query.dateFrom) {
    clauses.push("date >= ? AND date != ''");
    args.push(query.dateFrom);
  }
  if (query.dateTo) {
    // "1918" or "1918-09" as an upper bound includes the whole year or month.
    clauses.push("date <= ? AND date != ''");
    args.push(query.dateTo + '\uffff');
  }
  const order = {
    date: "date = '', date, newspaper, edition, coalesce(sequence, page)",
    newspaper: 'newspaper, date, page',
    title: "title = '', title, file_name",
    imported: 'imported_at DESC',
  }[query.sort ?? 'date'];
  const where = clauses.length ? 'WHERE ' + clauses.join(' AND ') : '';
  // id last: rows that tie come in one order, so a window and the whole list agree.
  const sql = `SELECT * FROM documents ${where} ORDER BY ${order}, id`;
  return { sql, wholeSql: where ? sql : `SELECT * FROM documents NOT INDEXED ORDER BY ${order}, id`, args, where };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function toDetail(row: DocumentRow): DocumentDetail {
  return { ...toSummary(row), fixity: { algorithm: 'sha-256', digest: row.id, size: row.size, checkedAt: row.fixity_checked_at } };
}

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    sha256: row.id,
    kind: row.kind,
    fileName: row.file_name,
    pageCount: row.page_count,
    importedAt: row.imported_at,
    newspaper: row.newspaper,
    date: row.date,
    page: row.page,
    edition: row.edition,
    title: row.title,
    language: row.language ?? '',
    lccn: row.lccn,
    issue: row.issue,
    sequence: row.sequence,
    pageLabel: row.page_label,
    volume: row.volume,
    number: row.number,
    metadataSource: row.metadata_source,
  };
}
