import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from './library-store.ts';
import { schemaVersion } from './migrations.ts';
import { convertAllRawItems, pendingRawItems } from './raw-items-upgrade.ts';
import { backToSchema10, importForUpgrade, pageSnapshots } from './testing/schema-10-library.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const FILES = ['cjk-overprint.pdf', 'latin-columns.pdf', 'cjk-photos.pdf'].map((f) => join(FIXTURES, f));

/**
 * Migrations 11 and 12 on a library as Broadsheet wrote it at version 10:
 * imported through the real path, then put back in the version-10 form (each
 * page's raw model whole as JSON text, no raw_items column), which is what
 * the import stored then. Opening it takes a backup and lists every page to
 * convert, converting none (raw-items-upgrade.ts does, after opening); every
 * page reads back the same before and after the conversion.
 */
describe('migrations 11 and 12 (raw items as a BLOB, converted after opening)', () => {
  let dir: string;
  let before: Map<string, string>;
  let ids: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-raw-items-'));
    ({ ids, pages: before } = await importForUpgrade(dir, FILES));
    backToSchema10(dir);
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    // A page whose raw text is not JSON at all (damaged by hand): kept byte for byte, never the reason a library will not open.
    db.prepare("UPDATE pages SET raw = 'not json {' WHERE doc_id = ? AND number = 1").run(ids[2]);
    db.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opening takes a backup and lists every page to convert, converting none; every page reads back as before', () => {
    const store = new LibraryStore(dir);
    try {
      expect(schemaVersion(store.db)).toBeGreaterThanOrEqual(12);
      expect(readdirSync(dir).some((f) => f.startsWith('library.sqlite.bak-v10-'))).toBe(true);
      expect(store.migrated?.converting).toBe(before.size);
      expect(pendingRawItems(store.db)).toBe(before.size);
      expect(store.db.prepare('SELECT count(*) AS n FROM pages WHERE raw_items IS NOT NULL').get()).toEqual({ n: 0 });
      const now = pageSnapshots(store);
      for (const [key, page] of before) if (key !== `${ids[2]} 1`) expect(now.get(key), key).toBe(page);
    } finally {
      store.close();
    }
  });

  it('the conversion turns every page into the BLOB form, every page reading back as before, the damaged one left untouched', () => {
    const store = new LibraryStore(dir);
    try {
      expect(store.migrated).toBeNull();
      expect(convertAllRawItems(store.db)).toEqual({ converted: before.size - 1, kept: 1 });
      expect(pendingRawItems(store.db)).toBe(0);
      const rows = store.db.prepare('SELECT doc_id, number, typeof(raw_items) AS t FROM pages ORDER BY doc_id, number').all() as Array<{ doc_id: string; number: number; t: string }>;
      expect(rows.length).toBe(before.size);
      for (const r of rows) {
        if (r.doc_id === ids[2] && r.number === 1) continue;
        expect(r.t, `${r.doc_id} p${r.number}`).toBe('blob');
        expect(JSON.stringify(store.page(r.doc_id, r.number)), `${r.doc_id} p${r.number}`).toBe(before.get(`${r.doc_id} ${r.number}`));
      }
      // The damaged page is left as it was, and reading it says so as it always did.
      expect(store.db.prepare('SELECT raw, raw_items FROM pages WHERE doc_id = ? AND number = 1').get(ids[2])).toEqual({ raw: 'not json {', raw_items: null });
      expect(() => store.page(ids[2], 1)).toThrow(SyntaxError);
    } finally {
      store.close();
    }
  });

  it('names the document and page when a stored BLOB is damaged', () => {
    const store = new LibraryStore(dir);
    try {
      store.db.prepare('UPDATE pages SET raw_items = substr(raw_items, 1, 100) WHERE doc_id = ? AND number = 1').run(ids[0]);
      expect(() => store.page(ids[0], 1)).toThrow(new RegExp(`^document ${ids[0]} page 1: its stored raw items are damaged \\(.+\\)$`));
    } finally {
      store.close();
    }
  });
});
