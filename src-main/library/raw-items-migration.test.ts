import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from './import-service.ts';
import { LibraryStore } from './library-store.ts';
import { schemaVersion } from './migrations.ts';
import { createProcessor } from './processor.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const FILES = ['cjk-overprint.pdf', 'latin-columns.pdf', 'cjk-photos.pdf'];

/**
 * Migration 11 on a library as Broadsheet wrote it at version 10: imported
 * through the real path, then put back in the version-10 form (each page's raw
 * model whole as JSON text, no raw_items column), which is what the import
 * stored then. Opening it converts every page, after a backup, and every page
 * reads back the same.
 */
describe('migration 11 (raw items as a BLOB)', () => {
  let dir: string;
  const before = new Map<string, string>();
  const ids: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-raw-items-'));
    const store = new LibraryStore(dir);
    const processor = createProcessor();
    try {
      const results = await importFiles(store, processor, FILES.map((f) => ({ name: f, bytes: readFileSync(join(FIXTURES, f)) })));
      for (const r of results) {
        expect(r.status).toBe('imported');
        ids.push(r.id!);
        for (let n = 1; n <= store.get(r.id!)!.pageCount; n++) before.set(`${r.id} ${n}`, JSON.stringify(store.page(r.id!, n)));
      }
      // Back to version 10: the raw model whole in `raw`, as addPageJson stored JSON.stringify(raw) then.
      const rows = store.db.prepare('SELECT doc_id, number FROM pages').all() as Array<{ doc_id: string; number: number }>;
      const put = store.db.prepare('UPDATE pages SET raw = ? WHERE doc_id = ? AND number = ?');
      for (const { doc_id, number } of rows) {
        const model = store.page(doc_id, number)!;
        const raw = { number: model.number, width: model.width, height: model.height, items: model.items, images: model.images, ...(model.illustrations ? { illustrations: model.illustrations } : {}) };
        put.run(JSON.stringify(raw), doc_id, number);
      }
    } finally {
      await processor.close();
      store.close();
    }
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    db.exec('ALTER TABLE pages DROP COLUMN raw_items');
    // A page whose raw text is not JSON at all (damaged by hand): kept byte for byte, never the reason a library will not open.
    db.prepare("UPDATE pages SET raw = 'not json {' WHERE doc_id = ? AND number = 1").run(ids[2]);
    db.exec('PRAGMA user_version = 10');
    db.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts every page, after a backup, and every page reads back as before', () => {
    const store = new LibraryStore(dir);
    try {
      expect(schemaVersion(store.db)).toBeGreaterThanOrEqual(11);
      expect(readdirSync(dir).some((f) => f.startsWith('library.sqlite.bak-v10-'))).toBe(true);
      const rows = store.db.prepare('SELECT doc_id, number, typeof(raw_items) AS t, length(raw) AS n FROM pages ORDER BY doc_id, number').all() as Array<{ doc_id: string; number: number; t: string; n: number }>;
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
