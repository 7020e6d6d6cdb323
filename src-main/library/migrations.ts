import type { DatabaseSync } from 'node:sqlite';
import { backupPathFor, dataVersion, takeBackupSync, type PreparedBackup } from './library-backup.ts';
import { startRawItemsListing } from './raw-items-upgrade.ts';

/**
 * Versioned schema of the library database. `PRAGMA user_version` holds the
 * version a library is at; opening it runs every later migration in order,
 * each in its own transaction together with the version bump, so a crash
 * leaves the library at the last whole version. Before the first migration
 * of an existing library runs, a full copy is taken beside it
 * (`library.sqlite.bak-v<from>-<time>`): an archivist's annotations are
 * worth more than the disk space.
 *
 * To change the schema, append a migration with the next version number;
 * never edit one that has shipped.
 */
/**
 * The tables besides documents and pages whose rows the app shows (migration 13 counts their changes in
 * content_version). Not here, on purpose: imports (an import in progress), raw_items_pending and raw_items_unlisted
 * (the background conversion's list) and documents_version, bookkeeping no window need redraw for. A new table the app shows
 * takes its triggers in a migration of its own.
 */
export const CONTENT_TABLES = ['settings', 'annotations', 'corrections', 'articles', 'titles', 'photo_link_choices'] as const;

export interface Migration {
  version: number;
  /** Why the schema changed, for the log and for readers of this file. */
  name: string;
  up(db: DatabaseSync): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, their pages (raw and cleaned layers) and settings',
    up: (db) =>
      // IF NOT EXISTS: libraries made before versioning hold these tables at user_version 0.
      db.exec(`
        CREATE TABLE IF NOT EXISTS documents (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          file_name TEXT NOT NULL,
          size INTEGER NOT NULL,
          imported_at TEXT NOT NULL,
          fixity_checked_at TEXT NOT NULL,
          page_count INTEGER NOT NULL,
          newspaper TEXT NOT NULL DEFAULT '',
          date TEXT NOT NULL DEFAULT '',
          page INTEGER,
          edition TEXT NOT NULL DEFAULT '',
          title TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE IF NOT EXISTS pages (
          doc_id TEXT NOT NULL,
          number INTEGER NOT NULL,
          raw TEXT NOT NULL,
          cleaned TEXT NOT NULL,
          PRIMARY KEY (doc_id, number)
        );
        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `),
  },
  {
    version: 2,
    name: 'annotations, block corrections with history, and articles',
    up: (db) =>
      db.exec(`
        CREATE TABLE annotations (
          id TEXT PRIMARY KEY,
          doc_id TEXT NOT NULL,
          page INTEGER NOT NULL,
          colour TEXT NOT NULL,
          created TEXT NOT NULL,
          modified TEXT NOT NULL,
          -- the whole record (targets with selectors, note, tags) as written by core/annotations
          json TEXT NOT NULL
        );
        CREATE INDEX annotations_by_page ON annotations (doc_id, page);
        CREATE TABLE corrections (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          doc_id TEXT NOT NULL,
          page INTEGER NOT NULL,
          block_id TEXT NOT NULL,
          text TEXT NOT NULL,
          author TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT '',
          created TEXT NOT NULL
        );
        CREATE INDEX corrections_by_block ON corrections (doc_id, page, block_id, seq);
        CREATE TABLE articles (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          created TEXT NOT NULL,
          modified TEXT NOT NULL,
          -- ordered [{ docId, page, blockId }]
          parts TEXT NOT NULL
        );
      `),
  },
  {
    version: 3,
    name: 'where a page sits in its run (NDNP: LCCN, issue, sequence, printed page label, volume, number) and where its metadata came from',
    up: (db) => {
      // Libraries opened by builds from before versioning may hold some of these already.
      const have = new Set((db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>).map((c) => c.name));
      const columns: Array<[string, string]> = [
        ['lccn', "TEXT NOT NULL DEFAULT ''"],
        ['issue', "TEXT NOT NULL DEFAULT ''"],
        ['sequence', 'INTEGER'],
        ['page_label', "TEXT NOT NULL DEFAULT ''"],
        ['volume', "TEXT NOT NULL DEFAULT ''"],
        ['number', "TEXT NOT NULL DEFAULT ''"],
        ['metadata_source', "TEXT NOT NULL DEFAULT 'guess'"],
      ];
      for (const [name, type] of columns) if (!have.has(name)) db.exec(`ALTER TABLE documents ADD COLUMN ${name} ${type}`);
      db.exec('CREATE INDEX IF NOT EXISTS documents_issue ON documents (issue, sequence)');
    },
  },
  {
    version: 4,
    name: 'a counter every change to documents moves (the cached list is keyed by it), and newspaper names per LCCN',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS documents_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT OR IGNORE INTO documents_version (id, version) VALUES (1, 0);
        CREATE TRIGGER IF NOT EXISTS documents_version_insert AFTER INSERT ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
        CREATE TRIGGER IF NOT EXISTS documents_version_update AFTER UPDATE ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
        CREATE TRIGGER IF NOT EXISTS documents_version_delete AFTER DELETE ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
        CREATE TABLE IF NOT EXISTS titles (lccn TEXT PRIMARY KEY, newspaper TEXT NOT NULL);
      `),
  },
  {
    version: 5,
    name: 'imports in progress, each owned by a process (pid, host, heartbeat), so another process opening the library never takes its pages',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS imports (
          id TEXT PRIMARY KEY,
          doc_id TEXT NOT NULL,
          owner_pid INTEGER NOT NULL,
          owner_host TEXT NOT NULL,
          heartbeat_at INTEGER NOT NULL
        );
      `),
  },
  {
    version: 6,
    name: 'the language the archivist set for a document (empty: detected from its text)',
    up: (db) => {
      const have = new Set((db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>).map((c) => c.name));
      if (!have.has('language')) db.exec("ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT ''");
    },
  },
  {
    version: 7,
    name: "each page's compact view for the reader (core/page-view), a cache filled on first read or in the background; NULL until then",
    up: (db) => {
      const have = new Set((db.prepare('PRAGMA table_info(pages)').all() as Array<{ name: string }>).map((c) => c.name));
      if (!have.has('view')) db.exec('ALTER TABLE pages ADD COLUMN view TEXT');
    },
  },
  {
    version: 8,
    name: "the ALTO file a scan came with, kept beside the originals (its SHA-256): the pages' layout is derived from it, so a rebuild needs it",
    up: (db) => {
      const have = new Set((db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>).map((c) => c.name));
      if (!have.has('layout_original')) db.exec('ALTER TABLE documents ADD COLUMN layout_original TEXT');
    },
  },
  {
    version: 9,
    name: "the archivist's photo link choices (confirm, remove, add), kept apart from the linker's own links so relinking never overwrites them",
    // IF NOT EXISTS: builds before this migration created the table on first use (photo-links.ts); its rows stay.
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS photo_link_choices (
          doc_id TEXT NOT NULL,
          photo TEXT NOT NULL,
          block TEXT NOT NULL,
          choice TEXT NOT NULL CHECK (choice IN ('confirmed', 'added', 'removed')),
          -- The linker's score for this pair when the choice was made, shown beside a hand-made link.
          score REAL NOT NULL DEFAULT 0,
          at TEXT NOT NULL,
          PRIMARY KEY (doc_id, photo, block)
        );
      `),
  },
  {
    version: 10,
    name: "whether a document's first page is a scan that gets a preview, decided at import (previews/first-page-scan.ts); NULL in libraries from before",
    up: (db) => {
      const have = new Set((db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>).map((c) => c.name));
      if (!have.has('first_page_scan')) db.exec('ALTER TABLE documents ADD COLUMN first_page_scan INTEGER');
    },
  },
  {
    version: 11,
    name: "pages' raw items as one compact BLOB (pages.raw_items, raw-items-codec.ts) beside the rest of the raw page as small JSON",
    // The column alone. This migration first converted every page here too, in its one transaction: ~20 ms a page, minutes
    // of a frozen app at the first start on an archive. The pages are now converted after the library opened, a batch at
    // a time (migration 12, raw-items-upgrade.ts); libraries it had already converted are as that pass leaves them.
    up: (db) => {
      const have = new Set((db.prepare('PRAGMA table_info(pages)').all() as Array<{ name: string }>).map((c) => c.name));
      if (!have.has('raw_items')) db.exec('ALTER TABLE pages ADD COLUMN raw_items BLOB');
    },
  },
  {
    version: 12,
    name: "the pages whose raw items are still whole JSON (raw_items_pending), converted to the BLOB in the background after opening (raw-items-upgrade.ts)",
    // It first listed them here, reading every page's row on the thread that opens the library (the app's main
    // thread): a quarter of a second and more at 10,000 pages. The conversion lists them now, a step at a time off
    // that thread (raw-items-upgrade.ts); libraries it had already listed are as that listing leaves them.
    up: startRawItemsListing,
  },
  {
    version: 13,
    name: "a counter every change to what the app shows besides documents and pages moves (settings, annotations, corrections, articles, titles, photo link choices): the library watch tells another process's bookkeeping (imports in progress, caches) from a change worth a refresh",
    up: (db) => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS content_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT OR IGNORE INTO content_version (id, version) VALUES (1, 0);
      `);
      for (const table of CONTENT_TABLES) {
        for (const op of ['insert', 'update', 'delete']) {
          db.exec(`CREATE TRIGGER IF NOT EXISTS content_version_${table}_${op} AFTER ${op.toUpperCase()} ON ${table} BEGIN UPDATE content_version SET version = version + 1; END;`);
        }
      }
    },
  },
  {
    version: 14,
    name: "the document list's four orders as indexes (library-store.ts listSql, whose ORDER BY they repeat term for term): the first screenful at start walks 40 index entries instead of sorting every document (10,000: 8-38 ms, 0.5-1 ms with the index)",
    up: (db) =>
      db.exec(`
        CREATE INDEX IF NOT EXISTS documents_by_date ON documents (date = '', date, newspaper, edition, coalesce(sequence, page), id);
        CREATE INDEX IF NOT EXISTS documents_by_newspaper ON documents (newspaper, date, page, id);
        CREATE INDEX IF NOT EXISTS documents_by_title ON documents (title = '', title, file_name, id);
        CREATE INDEX IF NOT EXISTS documents_by_imported ON documents (imported_at DESC, id);
      `),
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  /** Path of the copy taken before migrating, or null when nothing needed one. */
  backup: string | null;
}

export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

/** Runs `fn` in one write transaction: all of it lands, or none of it. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * The schema version a library at this version would be backed up from before migrating, or null when opening it
 * takes no backup (up to date, or a new empty file). LibraryStore.open takes that backup off the main thread first.
 */
export function backupNeeded(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number | null {
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  const from = schemaVersion(db);
  if (from >= latest) return null;
  return hasTables(db) ? from : null;
}

function hasTables(db: DatabaseSync): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/** Thrown from the first migration's transaction, which it undoes: another process wrote since the backup was taken. */
export class StaleBackup extends Error {
  constructor(dbPath: string) {
    super(`${dbPath}: another process wrote to the library while it was being backed up before an update; try again when it is done`);
  }
}

/**
 * Brings the database at `dbPath` (already open as `db`) up to the newest
 * version. A library written by a newer Broadsheet is refused rather than
 * guessed at. `prepared`: the backup LibraryStore.open took already (library-backup.ts), and
 * StaleBackup when another process wrote since; without it, one is taken here, on this thread.
 */
export function migrate(
  db: DatabaseSync,
  dbPath: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now = () => new Date(),
  prepared: PreparedBackup | null = null,
): MigrationReport {
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  const from = schemaVersion(db);
  if (from > latest) throw new Error(`${dbPath}: library schema version ${from} is newer than this Broadsheet knows (${latest}); update Broadsheet`);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from, backup: prepared?.path ?? null };
  if (!hasTables(db)) {
    // A new library is made whole in one transaction: another process opening it at the same moment (two
    // imports, the app and the CLI) sees no library or all of it, never a version part-way, which it would
    // back up and migrate from. The version is read again under the lock: that process may have made it.
    inTransaction(db, () => {
      for (const m of pending) {
        if (schemaVersion(db) >= m.version) continue;
        m.up(db);
        db.exec(`PRAGMA user_version = ${m.version}`);
      }
    });
    return { from, to: latest, backup: null };
  }
  if (prepared) {
    // Stale (another process wrote since the copy began): LibraryStore.open takes another, off the main thread.
    runPending(db, dbPath, pending, prepared.dataVersion);
    return { from, to: latest, backup: prepared.path };
  }
  for (let attempt = 1; ; attempt++) {
    const path = backupPathFor(dbPath, from, now());
    // Read before the copy: a commit by another process after it makes the copy stale, one during it at worst needlessly so.
    const copiedAt = dataVersion(db);
    takeBackupSync(db, path, from);
    try {
      runPending(db, dbPath, pending, copiedAt);
      return { from, to: latest, backup: path };
    } catch (err) {
      // What another process wrote between the copy and the lock is not in the copy: another one (the first stays,
      // whole, just older), unless it keeps writing.
      if (!(err instanceof StaleBackup) || attempt === MAX_BACKUP_ATTEMPTS) throw err;
    }
  }
}

/** Copies taken before giving up on a library another process keeps writing to while it is being migrated. */
export const MAX_BACKUP_ATTEMPTS = 5;

function runPending(db: DatabaseSync, dbPath: string, pending: readonly Migration[], copiedAt: number): void {
  let first = true;
  for (const m of pending) {
    inTransaction(db, () => {
      // Another process opening the same library may have run it while this one waited for the lock.
      if (schemaVersion(db) >= m.version) return;
      // data_version moves only with other connections' commits: unmoved, the copy holds all the library holds.
      if (first && dataVersion(db) !== copiedAt) throw new StaleBackup(dbPath);
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
    });
    first = false;
  }
}
