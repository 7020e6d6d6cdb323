import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LibraryStore } from '../library/library-store.ts';
import { MIGRATIONS } from '../library/migrations.ts';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'broadsheet');
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-migrated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('says once, on stderr, that opening an older library updated it and where its backup is', () => {
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  new LibraryStore(dir).close();
  // A library one version behind: the last migration is written to be re-runnable on its own result.
  const db = new DatabaseSync(join(dir, 'library.sqlite'));
  db.exec(`PRAGMA user_version = ${latest - 1}`);
  db.close();

  const first = spawnSync(CLI, ['list', '--library', dir, '--json'], { encoding: 'utf8', timeout: 60_000 });
  expect(first.status).toBe(0);
  const backups = readdirSync(dir).filter((f) => f.startsWith(`library.sqlite.bak-v${latest - 1}-`));
  expect(backups).toHaveLength(1);
  expect(first.stderr).toBe(
    `library ${dir} updated from schema v${latest - 1} to v${latest}; a backup of the old file is at ${join(dir, backups[0]!)}\n`,
  );

  const second = spawnSync(CLI, ['list', '--library', dir, '--json'], { encoding: 'utf8', timeout: 60_000 });
  expect([second.status, second.stderr]).toEqual([0, '']);
});
