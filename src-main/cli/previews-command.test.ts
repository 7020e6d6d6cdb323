import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { PREVIEW_VERSION } from '../previews/preview-service.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'broadsheet');
const CJK = join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf');
const run = (...args: string[]) => spawnSync(CLI, args, { encoding: 'utf8', timeout: 120_000 });

describe('broadsheet previews', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-previews-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes each page its preview (a scan’s taken out, a typeset page’s drawn) and each page lacking one its view, and is idempotent', () => {
    expect(run('import', '--library', dir, SAMPLE_SCAN, CJK).status).toBe(0);
    const ids = JSON.parse(run('list', '--library', dir, '--json').stdout) as Array<{ id: string; file: string }>;
    const scan = ids.find((d) => d.file.startsWith('evening-star'))!.id;
    const cjk = ids.find((d) => d.file === 'cjk-overprint.pdf')!.id;
    // The import stored each page's view with the page; the scan's is taken away, as in a library from before that.
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    expect(db.prepare('SELECT count(*) AS n FROM pages WHERE view IS NULL').get()).toEqual({ n: 0 });
    db.prepare('UPDATE pages SET view = NULL WHERE doc_id = ?').run(scan);
    db.close();
    const line = {
      [scan]: `${scan} evening-star-1918-09-01-p1.pdf: previews made 1, already present 0; page views made 1\n`,
      [cjk]: `${cjk} cjk-overprint.pdf: previews made 1, already present 0; page views made 0\n`,
    };
    const first = run('previews', '--library', dir);
    expect(first.status).toBe(0);
    // The typeset page has no picture to take out: pdf.js draws it (previews/typeset-raster.ts).
    // Newest import first (as `list --sort imported`): the two were given scan first in one call, so the CJK page,
    // taken after it, is the newer (each file's import time is later than the one before it: queued-at.ts).
    expect(first.stdout).toBe(line[cjk] + line[scan] + 'previews made 2, already present 0, pages without 0; page views made 1\n');
    for (const id of [scan, cjk]) expect(existsSync(join(dir, 'previews', id.slice(0, 2), id, `1.v${PREVIEW_VERSION}.jpg`))).toBe(true);
    // Again: nothing lacks anything, so no document is listed and the counts say what was already there.
    expect(run('previews', '--library', dir).stdout).toBe('previews made 0, already present 2, pages without 0; page views made 0\n');
    // A document asked for by id is listed whatever it lacked.
    expect(run('previews', '--library', dir, scan).stdout).toBe(
      `${scan} evening-star-1918-09-01-p1.pdf: previews made 0, already present 1; page views made 0\npreviews made 0, already present 1, pages without 0; page views made 0\n`,
    );
  });

  it('remove takes a document’s previews with it, and previews clears those of documents already gone', () => {
    const lib = mkdtempSync(join(tmpdir(), 'broadsheet-previews-remove-'));
    try {
      expect(run('import', '--library', lib, CJK).status).toBe(0);
      const [{ id }] = JSON.parse(run('list', '--library', lib, '--json').stdout) as Array<{ id: string }>;
      expect(run('previews', '--library', lib).status).toBe(0);
      const own = join(lib, 'previews', id.slice(0, 2), id);
      expect(existsSync(join(own, `1.v${PREVIEW_VERSION}.jpg`))).toBe(true);
      expect(run('remove', '--library', lib, id).status).toBe(0);
      expect(existsSync(own)).toBe(false);
      // Its prefix folder held only it: no empty folder is left behind either.
      expect(existsSync(join(lib, 'previews', id.slice(0, 2)))).toBe(false);
      // Left behind by an older version's remove: the next previews run deletes it and says so.
      const stale = 'ab'.repeat(32);
      mkdirSync(join(lib, 'previews', 'ab', stale), { recursive: true });
      writeFileSync(join(lib, 'previews', 'ab', stale, `1.v${PREVIEW_VERSION}.jpg`), 'jpeg');
      const again = run('previews', '--library', lib);
      expect([again.status, again.stdout]).toEqual([0, 'removed the previews of 1 document no longer in the library\npreviews made 0, already present 0, pages without 0; page views made 0\n']);
      expect(existsSync(join(lib, 'previews', 'ab'))).toBe(false);
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it('names what it cannot do in one line', () => {
    const bad = run('previews', '--library', dir, 'abc');
    expect([bad.status, bad.stderr]).toEqual([2, 'broadsheet: not a document id: abc (expected 64 hex digits, as broadsheet list prints)\n']);
    const gone = run('previews', '--library', dir, 'f'.repeat(64));
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain(`broadsheet: ${'f'.repeat(64)}: no such document in`);
    expect(run('previews', '--library', join(dir, 'nope')).stderr).toMatch(/no library at .*nope \(it has no library\.sqlite\)/);
  });
});
