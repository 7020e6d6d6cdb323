import { DatabaseSync } from 'node:sqlite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_STEP_PAGES, type BackupProgress } from './library-backup.ts';
import { LibraryStore } from './library-store.ts';
import { MIGRATIONS, schemaVersion } from './migrations.ts';

/** Rows of the filler table: ~6 MB, a few steps of the online backup (BACKUP_STEP_PAGES pages of 4 KiB each). */
const FILLER_ROWS = 1500;

/**
 * A library as the first releases wrote it (tables, user_version 0), with settings and a table of filler rows large
 * enough that its backup takes several steps.
 */
function oldLibrary(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO settings VALUES ('zoom', '2');
    CREATE TABLE filler (n INTEGER PRIMARY KEY, body BLOB NOT NULL);`);
  const add = db.prepare('INSERT INTO filler (n, body) VALUES (?, ?)');
  db.exec('BEGIN');
  for (let n = 0; n < FILLER_ROWS; n++) add.run(n, Buffer.alloc(4000, n % 251));
  db.exec('COMMIT');
  db.close();
}

/** What a copy holds that the tests compare: its version, settings and a digest of the filler rows. */
function contents(path: string): { version: number; settings: unknown[]; filler: unknown } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return {
      version: schemaVersion(db),
      settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all().map((r) => ({ ...r })),
      filler: { ...db.prepare('SELECT count(*) AS rows, sum(length(body)) AS bytes, sum(unicode(body) * n) AS sig FROM filler').get() },
    };
  } finally {
    db.close();
  }
}

const backups = (dir: string) => readdirSync(dir).filter((f) => f.includes('.bak-')).sort();

describe('LibraryStore.open: the backup before a migration', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-backup-'));
    path = join(dir, 'library.sqlite');
    oldLibrary(path);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the library whole before migrating, saying how far it got, and migrates only once the copy is done', async () => {
    const before = contents(path);
    const seen: Array<BackupProgress & { version: number }> = [];
    const store = await LibraryStore.open(dir, {
      // The library's version as another process sees it at each step: still 0 until the copy is done.
      onBackup: (p) => {
        const other = new DatabaseSync(path, { readOnly: true });
        seen.push({ ...p, version: schemaVersion(other) });
        other.close();
      },
    });
    const latest = MIGRATIONS.at(-1)!.version;
    expect(schemaVersion(store.db)).toBe(latest);
    expect(store.migrated?.from).toBe(0);
    store.close();

    const total = seen[0]!.total;
    expect(total).toBeGreaterThan(3 * BACKUP_STEP_PAGES);
    // From nothing copied to all of it, a step at a time, then "done" (total 0) before the migrations run: a window
    // then says the library is being updated, not still backed up.
    expect(seen[0]).toEqual({ done: 0, total, version: 0 });
    const steps = seen.slice(1, -1);
    expect(steps.map((p) => p.done)).toEqual(steps.map((_, i) => Math.min((i + 1) * BACKUP_STEP_PAGES, total)));
    expect(steps.every((p) => p.total === total && p.version === 0)).toBe(true);
    expect(steps.at(-1)!.done).toBe(total);
    expect(seen.at(-1)).toEqual({ done: 0, total: 0, version: 0 });

    // One backup, under its own name, nothing partial beside it; it holds the library as it was, and passes its check.
    expect(backups(dir)).toEqual([store.migrated!.backup.slice(dir.length + 1)]);
    expect(backups(dir)[0]).toMatch(/^library\.sqlite\.bak-v0-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(contents(store.migrated!.backup)).toEqual(before);
    const copy = new DatabaseSync(store.migrated!.backup, { readOnly: true });
    expect(copy.prepare('PRAGMA quick_check').all()).toEqual([{ quick_check: 'ok' }]);
    // One file: no WAL to go with it.
    expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
    copy.close();
  });

  it('copies again when another process wrote after the copy began, so the backup holds what it wrote', async () => {
    let wrote = false;
    const store = await LibraryStore.open(dir, {
      onBackup: (p) => {
        if (wrote || p.total === 0 || p.done !== p.total) return;
        wrote = true;
        // After the last step of the first copy: a commit the copy lacks.
        const other = new DatabaseSync(path);
        other.exec("INSERT INTO settings VALUES ('theme', 'dark')");
        other.close();
      },
    });
    expect(wrote).toBe(true);
    store.close();
    const [first, second] = backups(dir);
    expect(backups(dir)).toHaveLength(2);
    expect(contents(join(dir, first!)).settings).toEqual([{ key: 'zoom', value: '2' }]);
    expect(join(dir, second!)).toBe(store.migrated!.backup);
    expect(contents(store.migrated!.backup).settings).toEqual([
      { key: 'theme', value: 'dark' },
      { key: 'zoom', value: '2' },
    ]);
  });

  it('a process killed part-way through the backup leaves the library as it was and no backup that looks whole', async () => {
    const before = contents(path);
    // Another process opens the library as the app does, and dies at the first step of its backup (a crash, a kill).
    const script = join(dir, 'die-mid-backup.ts');
    writeFileSync(
      script,
      `import { LibraryStore } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'library-store.ts')).href)};
await LibraryStore.open(${JSON.stringify(dir)}, { onBackup: (p) => { if (p.done > 0) process.kill(process.pid, 'SIGKILL'); } });
console.log('not killed');`,
    );
    const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('');

    // What it left: a partial copy, named as one, and the library untouched.
    const left = backups(dir);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => /\.partial-.+-\d+(-journal)?$/.test(f))).toBe(true);
    expect(contents(path)).toEqual(before);

    // The next open takes the backup whole, and drops what the dead process left.
    const store = await LibraryStore.open(dir);
    store.close();
    expect(backups(dir)).toEqual([store.migrated!.backup.slice(dir.length + 1)]);
    expect(contents(store.migrated!.backup)).toEqual(before);
  });

  it('a migration that fails leaves the library as it was and its backup whole, and says which file and why in one line', async () => {
    // A library at version 1 that already holds a table migration 2 makes: its CREATE TABLE fails.
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 1; CREATE TABLE annotations (id TEXT PRIMARY KEY)');
    db.close();
    const before = contents(path);
    await expect(LibraryStore.open(dir)).rejects.toThrow(new Error(`${path}: table annotations already exists`));
    expect(contents(path)).toEqual(before);
    const left = backups(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^library\.sqlite\.bak-v1-[-\dTZ]+$/);
    expect(contents(join(dir, left[0]!))).toEqual(before);
  });

  it('the CLI\'s open (the constructor) takes the same whole, checked backup on its thread', () => {
    const before = contents(path);
    const store = new LibraryStore(dir);
    store.close();
    expect(backups(dir)).toEqual([store.migrated!.backup.slice(dir.length + 1)]);
    expect(contents(store.migrated!.backup)).toEqual(before);
  });
});
