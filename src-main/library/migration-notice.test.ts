import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LibraryStore } from './library-store.ts';
import { MIGRATIONS } from './migrations.ts';
import { migrationNotice, onLibraryMigrated, type LibraryMigrated } from './migration-notice.ts';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-migration-notice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a store that migrated an existing library keeps what it did (for app.info) and announces it once; a new library says nothing', () => {
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  const heard: LibraryMigrated[] = [];
  const stop = onLibraryMigrated((m) => heard.push(m));
  try {
    const fresh = new LibraryStore(dir);
    expect(fresh.migrated).toBeNull();
    fresh.close();
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    db.exec(`PRAGMA user_version = ${latest - 1}`);
    db.close();

    const older = new LibraryStore(dir);
    older.close();
    expect(older.migrated).toMatchObject({ dir, from: latest - 1, to: latest });
    expect(existsSync(older.migrated!.backup)).toBe(true);
    expect(heard).toEqual([older.migrated]);
    expect(migrationNotice(older.migrated!)).toBe(`library ${dir} updated from schema v${latest - 1} to v${latest}; a backup of the old file is at ${older.migrated!.backup}`);

    new LibraryStore(dir).close();
    expect(heard).toHaveLength(1);
  } finally {
    stop();
  }
});
