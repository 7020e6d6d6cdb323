import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';
import { linkPages, relinkDocument } from './photo-links.ts';

const PHOTOS = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-photos.pdf');

/** The linker reads a page's size from its stored view when there is one (cheap), from the raw JSON otherwise. */
describe('photo links: page size from the view or the raw page', () => {
  let dir: string;
  let store: LibraryStore;
  let id: string;
  const stored = () => store.db.prepare("SELECT number, cleaned -> '$.photos' AS photos FROM pages WHERE doc_id = ? ORDER BY number").all(id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-photo-size-'));
    store = new LibraryStore(dir);
    const [result] = await importFiles(store, inThreadProcessor, [{ name: 'cjk-photos.pdf', bytes: readFileSync(PHOTOS) }]);
    id = result.id!;
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the raw page size, and links the same, with and without a stored view', () => {
    const raw = store.db.prepare('SELECT number, raw FROM pages WHERE doc_id = ? ORDER BY number').all(id) as Array<{ number: number; raw: string }>;
    const sizes = raw.map((r) => {
      const page = JSON.parse(r.raw) as { width: number; height: number };
      return { number: r.number, width: page.width, height: page.height };
    });
    expect(sizes).toHaveLength(2);
    const sizeOf = () => linkPages(store.db, id).map((p) => ({ number: p.number, width: p.width, height: p.height }));
    const views = store.db.prepare('SELECT count(*) AS n FROM pages WHERE doc_id = ? AND view IS NOT NULL').get(id) as { n: number };
    expect(views.n).toBe(2);
    expect(sizeOf()).toEqual(sizes);
    const linked = stored();
    expect(relinkDocument(store.db, id)).toBe(8);
    expect(stored()).toEqual(linked);

    store.db.prepare('UPDATE pages SET view = NULL WHERE doc_id = ?').run(id);
    expect(sizeOf()).toEqual(sizes);
    expect(relinkDocument(store.db, id)).toBe(8);
    expect(stored()).toEqual(linked);
  });
});
