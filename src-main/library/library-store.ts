import { DatabaseSync } from 'node:sqlite';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, sep } from 'node:path';
import { DOCUMENT_ID_RE, NO_PLACEMENT, type DocumentDetail, type DocumentMetadata, type DocumentPlacement, type DocumentSummary, type LibrarySort, type MetadataSource, type SourceKind } from '../../core/library-model.ts';
import type { CleanedPage, PageModel, RawPage } from '../../core/page-model.ts';
import { loadSettings, type Settings, type SettingsPatch } from '../../core/settings.ts';

/**
 * The archive on disk: original bytes content-addressed by SHA-256 under
 * objects/, everything derived in one SQLite file. Originals are written
 * once, read-only, and never touched again; a document row appears only
 * after all its pages are stored, so a failed or killed import leaves
 * nothing visible.
 */

const SCHEMA = `
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
  title TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS pages (
  doc_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  raw TEXT NOT NULL,
  cleaned TEXT NOT NULL,
  PRIMARY KEY (doc_id, number)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Columns added after the first release: a library made before them gains them, empty, when opened. */
const PLACEMENT_COLUMNS = `
ALTER TABLE documents ADD COLUMN lccn TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN issue TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN sequence INTEGER;
ALTER TABLE documents ADD COLUMN page_label TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN volume TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN number TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN metadata_source TEXT NOT NULL DEFAULT 'guess';
CREATE INDEX IF NOT EXISTS documents_issue ON documents (issue, sequence);
`;

/**
 * A counter every change to documents moves, whoever makes it (this process,
 * another one, code added later): the cached list is keyed by it.
 */
const DOCUMENTS_VERSION = `
CREATE TABLE IF NOT EXISTS documents_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO documents_version (id, version) VALUES (1, 0);
CREATE TRIGGER IF NOT EXISTS documents_version_insert AFTER INSERT ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TRIGGER IF NOT EXISTS documents_version_update AFTER UPDATE ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TRIGGER IF NOT EXISTS documents_version_delete AFTER DELETE ON documents BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TABLE IF NOT EXISTS titles (lccn TEXT PRIMARY KEY, newspaper TEXT NOT NULL);
`;

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
  /** language may be left out: '' (detect from the text). */
  commit(meta: Omit<DocumentMetadata, 'language'> & { language?: string }, placement?: DocumentPlacement): DocumentSummary;
  abort(): void;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class LibraryStore {
  readonly dir: string;
  private readonly db: DatabaseSync;
  private readonly objectsDir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.objectsDir = join(dir, 'objects');
    mkdirSync(this.objectsDir, { recursive: true });
    // Leftovers of an import that was killed mid-write: never visible, safe to drop.
    rmSync(join(dir, 'tmp'), { recursive: true, force: true });
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.db = new DatabaseSync(join(dir, 'library.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
    const columns = (this.db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('lccn')) this.db.exec(`BEGIN; ${PLACEMENT_COLUMNS} COMMIT;`);
    // Libraries made before documents had a language gain the column (empty = detect from the text).
    if (!columns.includes('language')) this.db.exec("ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT ''");
    this.db.exec(DOCUMENTS_VERSION);
    this.db.exec('DELETE FROM pages WHERE doc_id NOT IN (SELECT id FROM documents)');
  }

  close(): void {
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

  /** Writes the original once (temp file, fsync, rename) and makes it read-only. Idempotent. */
  storeOriginal(bytes: Uint8Array): string {
    const id = sha256(bytes);
    const dir = join(this.objectsDir, id.slice(0, 2));
    const target = join(dir, id);
    // An existing copy is trusted only if it still hashes right; a damaged one is replaced by these good bytes.
    if (existsSync(target) && sha256(readFileSync(target)) === id) return id;
    mkdirSync(dir, { recursive: true });
    const tmp = join(this.dir, 'tmp', randomBytes(8).toString('hex'));
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

  readOriginal(id: string): Uint8Array {
    const path = this.objectPath(id);
    if (!path) throw new Error(`no original for document ${id}`);
    return readFileSync(path);
  }

  begin(id: string, kind: SourceKind, fileName: string, size: number): PendingDocument {
    if (this.has(id)) throw new Error(`document ${id} already exists`);
    this.db.prepare('DELETE FROM pages WHERE doc_id = ?').run(id);
    const insertPage = this.db.prepare('INSERT INTO pages (doc_id, number, raw, cleaned) VALUES (?, ?, ?, ?)');
    let pageCount = 0;
    let closed = false;
    return {
      addPage: (raw, cleaned) => {
        if (closed) throw new Error('import already finished');
        insertPage.run(id, raw.number, JSON.stringify(raw), JSON.stringify(cleaned));
        pageCount++;
      },
      commit: (meta, placement = NO_PLACEMENT) => {
        if (closed) throw new Error('import already finished');
        if (pageCount === 0) throw new Error('no pages');
        // Another process opening the library (the CLI while the app imports) drops pages with no
        // document yet: never let a document appear with pages missing.
        const stored = (this.db.prepare('SELECT COUNT(*) AS n FROM pages WHERE doc_id = ?').get(id) as { n: number }).n;
        if (stored !== pageCount) throw new Error(`pages were removed while importing (${stored} of ${pageCount} left): import it again`);
        closed = true;
        const now = new Date().toISOString();
        this.db
          .prepare(
            `INSERT INTO documents (id, kind, file_name, size, imported_at, fixity_checked_at, page_count, newspaper, date, page, edition, title,
               lccn, issue, sequence, page_label, volume, number, metadata_source, language)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, kind, fileName, size, now, now, pageCount, meta.newspaper, meta.date, meta.page, meta.edition, meta.title,
            placement.lccn, placement.issue, placement.sequence, placement.pageLabel, placement.volume, placement.number,
            placement.issue ? 'mets' : 'guess', meta.language ?? '');
        return this.get(id)!;
      },
      abort: () => {
        closed = true;
        this.db.prepare('DELETE FROM pages WHERE doc_id = ?').run(id);
      },
    };
  }

  get(id: string): DocumentDetail | null {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    return row ? toDetail(row) : null;
  }

  list(query: ListQuery = {}): DocumentSummary[] {
    const where: string[] = [];
    const args: string[] = [];
    if (query.newspaper) {
      where.push('newspaper = ?');
      args.push(query.newspaper);
    }
    if (query.dateFrom) {
      where.push("date >= ? AND date != ''");
      args.push(query.dateFrom);
    }
    if (query.dateTo) {
      // "1918" or "1918-09" as an upper bound includes the whole year or month.
      where.push("date <= ? AND date != ''");
      args.push(query.dateTo + '\uffff');
    }
    const order = {
      date: "date = '', date, newspaper, edition, coalesce(sequence, page)",
      newspaper: 'newspaper, date, page',
      title: "title = '', title, file_name",
      imported: 'imported_at DESC',
    }[query.sort ?? 'date'];
    const sql = `SELECT * FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order}`;
    // Reading 10,000 rows costs 200–400 ms; the answer is kept until this connection or another one writes.
    const key = `${this.writeStamp()}|${sql}|${args.join('\u0000')}`;
    if (this.listCache?.key !== key) this.listCache = { key, docs: (this.db.prepare(sql).all(...args) as unknown as DocumentRow[]).map(toSummary) };
    return this.listCache.docs;
  }

  private listCache: { key: string; docs: DocumentSummary[] } | null = null;

  /** Moves with every change to the documents table, by any connection (see DOCUMENTS_VERSION). */
  private writeStamp(): number {
    return (this.db.prepare('SELECT version FROM documents_version').get() as { version: number }).version;
  }

  page(id: string, number: number): PageModel | null {
    const row = this.db.prepare('SELECT raw, cleaned FROM pages WHERE doc_id = ? AND number = ?').get(id, number) as
      | { raw: string; cleaned: string }
      | undefined;
    if (!row || !this.has(id)) return null;
    return { ...(JSON.parse(row.raw) as RawPage), ...(JSON.parse(row.cleaned) as CleanedPage) };
  }

  /** Saves the archivist's metadata: what they saved is no longer a guess. */
  updateMetadata(id: string, patch: Partial<DocumentMetadata>): DocumentSummary {
    this.updateMetadataOf([id], patch);
    return this.get(id)!;
  }

  /** The same patch on many documents (bulk editing), in one transaction; unknown ids refuse the whole change. */
  updateMetadataOf(ids: readonly string[], patch: Partial<DocumentMetadata>): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const update = this.db.prepare(
        "UPDATE documents SET newspaper = ?, date = ?, page = ?, edition = ?, title = ?, language = ?, metadata_source = 'archivist' WHERE id = ?",
      );
      for (const id of ids) {
        const current = this.get(id);
        if (!current) throw new Error(`no document ${id}`);
        const next = { ...current, ...patch };
        update.run(next.newspaper, next.date, next.page, next.edition, next.title, next.language ?? '', id);
      }
      this.db.exec('COMMIT');
      return ids.length;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** The newspaper name the archivist set for an LCCN, or ''. */
  titleName(lccn: string): string {
    if (!lccn) return '';
    return (this.db.prepare('SELECT newspaper FROM titles WHERE lccn = ?').get(lccn) as { newspaper: string } | undefined)?.newspaper ?? '';
  }

  /**
   * Names a title once for its LCCN: every page already in the library gets
   * the name, and pages imported later take it too. One transaction.
   * Returns how many documents changed.
   */
  renameTitle(lccn: string, newspaper: string): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare('INSERT INTO titles (lccn, newspaper) VALUES (?, ?) ON CONFLICT(lccn) DO UPDATE SET newspaper = excluded.newspaper').run(lccn, newspaper);
      const { changes } = this.db.prepare('UPDATE documents SET newspaper = ? WHERE lccn = ? AND newspaper != ?').run(newspaper, lccn, newspaper);
      this.db.exec('COMMIT');
      return Number(changes);
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
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
