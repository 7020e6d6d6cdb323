import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from './library-store.ts';
import { MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations.ts';

const tables = (db: DatabaseSync) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('schema migrations', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-migrate-'));
    path = join(dir, 'library.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a new library to the latest version without a backup (there is nothing to save)', () => {
    const db = new DatabaseSync(path);
    const report = migrate(db, path);
    expect(report).toEqual({ from: 0, to: MIGRATIONS.at(-1)!.version, backup: null });
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(tables(db)).toEqual(['annotations', 'articles', 'content_version', 'corrections', 'documents', 'documents_version', 'imports', 'pages', 'photo_link_choices', 'raw_items_pending', 'raw_items_unlisted', 'settings', 'titles']);
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('.bak-'))).toEqual([]);
  });

  it('makes a new library in one transaction: another connection sees no version part-way', () => {
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    const seen: number[] = [];
    // A second migration that looks from another connection (as a second process opening the library would).
    const peek: Migration = {
      version: 2,
      name: 'peek',
      up: () => {
        const other = new DatabaseSync(path, { readOnly: true });
        seen.push(schemaVersion(other));
        other.close();
      },
    };
    migrate(db, path, [MIGRATIONS[0], peek]);
    expect(schemaVersion(db)).toBe(2);
    db.close();
    expect(seen).toEqual([0]);
    expect(readdirSync(dir).filter((f) => f.includes('.bak-'))).toEqual([]);
  });

  it('backs up a pre-versioning library (user_version 0) before migrating it, and keeps its rows', () => {
    // A library as the first releases wrote it: tables, no version.
    const old = new DatabaseSync(path);
    old.exec("PRAGMA journal_mode = WAL; CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO settings VALUES ('zoom', '2');");
    old.close();
    const db = new DatabaseSync(path);
    const report = migrate(db, path, MIGRATIONS, () => new Date('2026-11-29T08:00:00.000Z'));
    expect(report.from).toBe(0);
    expect(report.backup).toBe(`${path}.bak-v0-2026-11-29T08-00-00-000Z`);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '2' });
    db.close();
    // The backup is a whole, openable copy of the library as it was.
    const copy = new DatabaseSync(report.backup!, { readOnly: true });
    expect(schemaVersion(copy)).toBe(0);
    expect(tables(copy)).toEqual(['settings']);
    expect(copy.prepare('SELECT value FROM settings').get()).toEqual({ value: '2' });
    copy.close();
  });

  it('keeps the photo link choices of a library whose table photo-links.ts made before migration 9', () => {
    // A version-6 library, with the table as photo-links.ts created it on first use.
    const old = new DatabaseSync(path);
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 6));
    old.exec(`CREATE TABLE IF NOT EXISTS photo_link_choices (
      doc_id TEXT NOT NULL, photo TEXT NOT NULL, block TEXT NOT NULL,
      choice TEXT NOT NULL CHECK (choice IN ('confirmed', 'added', 'removed')),
      score REAL NOT NULL DEFAULT 0, at TEXT NOT NULL, PRIMARY KEY (doc_id, photo, block))`);
    old.exec("INSERT INTO photo_link_choices VALUES ('d1', 'p1i0', 'p2b12', 'confirmed', 0.82, '2026-11-01T10:00:00Z'), ('d1', 'p1i1', 'p1b3', 'removed', 0.4, '2026-11-02T10:00:00Z')");
    expect(schemaVersion(old)).toBe(6);
    old.close();

    const db = new DatabaseSync(path);
    const report = migrate(db, path, MIGRATIONS, () => new Date('2026-11-29T09:00:00.000Z'));
    expect([report.from, schemaVersion(db) >= 9]).toEqual([6, true]);
    expect(report.backup).toBe(`${path}.bak-v6-2026-11-29T09-00-00-000Z`);
    expect(db.prepare('SELECT * FROM photo_link_choices ORDER BY photo').all()).toEqual([
      { doc_id: 'd1', photo: 'p1i0', block: 'p2b12', choice: 'confirmed', score: 0.82, at: '2026-11-01T10:00:00Z' },
      { doc_id: 'd1', photo: 'p1i1', block: 'p1b3', choice: 'removed', score: 0.4, at: '2026-11-02T10:00:00Z' },
    ]);
    // ...and the constraint still holds.
    expect(() => db.exec("INSERT INTO photo_link_choices VALUES ('d1', 'p1i2', 'p1b1', 'liked', 0, 't')")).toThrow(/CHECK/);
    db.close();
  });

  it('makes the photo link choices table in a version-6 library that never used it', () => {
    const old = new DatabaseSync(path);
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 6));
    expect(tables(old)).not.toContain('photo_link_choices');
    old.close();
    const db = new DatabaseSync(path);
    migrate(db, path);
    expect(tables(db)).toContain('photo_link_choices');
    db.close();
  });

  it('adds only the document columns an unversioned library lacks (builds before versioning added some)', () => {
    const old = new DatabaseSync(path);
    old.exec("CREATE TABLE documents (id TEXT PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, size INTEGER NOT NULL, imported_at TEXT NOT NULL, fixity_checked_at TEXT NOT NULL, page_count INTEGER NOT NULL, newspaper TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '', page INTEGER, edition TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', lccn TEXT NOT NULL DEFAULT '')");
    old.exec("INSERT INTO documents (id, kind, file_name, size, imported_at, fixity_checked_at, page_count, lccn) VALUES ('a', 'pdf', 'a.pdf', 1, 't', 't', 1, 'sn123')");
    old.close();
    const db = new DatabaseSync(path);
    migrate(db, path);
    expect(db.prepare('SELECT lccn, metadata_source, sequence FROM documents').get()).toEqual({ lccn: 'sn123', metadata_source: 'guess', sequence: null });
    db.close();
  });

  it('runs only the pending migrations, in order, and is a no-op when current', () => {
    const ran: number[] = [];
    const list: Migration[] = [
      { version: 2, name: 'b', up: (db) => (ran.push(2), db.exec('CREATE TABLE b (x)')) },
      { version: 1, name: 'a', up: (db) => (ran.push(1), db.exec('CREATE TABLE a (x)')) },
    ];
    const db = new DatabaseSync(path);
    migrate(db, path, list.slice(1));
    expect(ran).toEqual([1]);
    const report = migrate(db, path, list);
    expect(ran).toEqual([1, 2]);
    expect(report.from).toBe(1);
    expect(report.backup).toMatch(/\.bak-v1-/);
    expect(migrate(db, path, list)).toEqual({ from: 2, to: 2, backup: null });
    db.close();
  });

  it('rolls a failing migration back whole: no half-made schema, version unchanged', () => {
    const db = new DatabaseSync(path);
    migrate(db, path, MIGRATIONS.slice(0, 1));
    const broken: Migration = {
      version: 2,
      name: 'fails half way',
      up: (d) => {
        d.exec('CREATE TABLE half (x)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, path, [MIGRATIONS[0], broken])).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('refuses a library written by a newer Broadsheet', () => {
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 999');
    expect(() => migrate(db, path)).toThrow(/schema version 999 is newer/);
    db.close();
  });

  it('LibraryStore opens at the latest version', () => {
    const store = new LibraryStore(dir);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.at(-1)!.version);
    store.close();
    // Reopening migrates nothing and takes no backup.
    const again = new LibraryStore(dir);
    again.close();
    expect(readdirSync(dir).filter((f) => f.includes('.bak-'))).toEqual([]);
  });
});
