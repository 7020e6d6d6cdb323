import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LibraryStore } from '../library/library-store.ts';
import { pendingRawItems } from '../library/raw-items-upgrade.ts';
import { backToSchema10, importForUpgrade, pageSnapshots } from '../library/testing/schema-10-library.ts';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'broadsheet');
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-upgrade-cli-'));
let before: Map<string, string>;
beforeAll(async () => {
  ({ pages: before } = await importForUpgrade(dir, [join(FIXTURES, 'cjk-overprint.pdf'), join(FIXTURES, 'latin-columns.pdf')]));
  backToSchema10(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pending = () => {
  const db = new DatabaseSync(join(dir, 'library.sqlite'), { readOnly: true });
  try {
    return pendingRawItems(db);
  } finally {
    db.close();
  }
};

it('other commands read both forms and leave the conversion, saying once how to run it; upgrade converts every page', () => {
  const n = before.size;
  const list = spawnSync(CLI, ['list', '--library', dir], { encoding: 'utf8', timeout: 60_000 });
  expect(list.status).toBe(0);
  const backup = readdirSync(dir).find((f) => f.startsWith('library.sqlite.bak-v10-'))!;
  expect(list.stderr).toBe(
    `library ${dir} updated from schema v10 to v14; a backup of the old file is at ${join(dir, backup)}; ${n} pages wait to be converted to the new storage form: the app does it in the background, or \`broadsheet upgrade\` at once (they read the same meanwhile)\n`,
  );
  expect(list.stdout.trim().split('\n')).toHaveLength(2);
  expect(pending()).toBe(n);

  const text = spawnSync(CLI, ['text', '--library', dir, [...before.keys()][0].split(' ')[0]], { encoding: 'utf8', timeout: 60_000 });
  expect([text.status, text.stderr]).toEqual([0, '']);
  expect(pending()).toBe(n);

  const upgrade = spawnSync(CLI, ['upgrade', '--library', dir], { encoding: 'utf8', timeout: 60_000 });
  expect([upgrade.status, upgrade.stdout, upgrade.stderr]).toEqual([0, `converted ${n} pages to the current storage form\n`, '']);
  expect(pending()).toBe(0);
  const store = new LibraryStore(dir);
  try {
    const now = pageSnapshots(store);
    for (const [key, page] of before) expect(now.get(key), key).toBe(page);
  } finally {
    store.close();
  }

  const again = spawnSync(CLI, ['upgrade', '--library', dir], { encoding: 'utf8', timeout: 60_000 });
  expect([again.status, again.stdout, again.stderr]).toEqual([0, 'nothing to convert: every page is in the current storage form\n', '']);
});

it('upgrade on a library never opened since the older version says the migration without the hint to run upgrade, then converts', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'broadsheet-upgrade-cli-fresh-'));
  try {
    const { pages } = await importForUpgrade(fresh, [join(FIXTURES, 'cjk-overprint.pdf')]);
    backToSchema10(fresh);
    const n = pages.size;
    const upgrade = spawnSync(CLI, ['upgrade', '--library', fresh], { encoding: 'utf8', timeout: 60_000 });
    const backup = readdirSync(fresh).find((f) => f.startsWith('library.sqlite.bak-v10-'))!;
    expect([upgrade.status, upgrade.stdout, upgrade.stderr]).toEqual([
      0,
      `converted ${n} page${n === 1 ? '' : 's'} to the current storage form\n`,
      `library ${fresh} updated from schema v10 to v14; a backup of the old file is at ${join(fresh, backup)}; ${n} page${n === 1 ? ' waits' : 's wait'} to be converted to the new storage form\n`,
    ]);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}, 60_000);
