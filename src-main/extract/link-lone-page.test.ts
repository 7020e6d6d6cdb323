import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CleanedPage, RawPage } from '../../core/page-model.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { relinkDocument } from '../library/photo-links.ts';
import { createProcessor } from '../library/processor.ts';
import { linkLonePage } from './link-lone-page.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', name));

/** The stored cleaned JSON of each page of the one document a fresh library imports from fixture `name`. */
async function importCleaned(processor: Parameters<typeof importFiles>[1], name: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-lone-page-'));
  const store = new LibraryStore(dir);
  try {
    const [result] = await importFiles(store, processor, [{ name, bytes: fixture(name) }]);
    expect(result.status).toBe('imported');
    const rows = store.db.prepare('SELECT cleaned FROM pages WHERE doc_id = ? ORDER BY number').all(result.id!) as Array<{ cleaned: string }>;
    const stored = rows.map((r) => r.cleaned);
    // Linking again over what is stored changes nothing: the worker's links are the library's.
    relinkDocument(store.db, result.id!);
    const relinked = (store.db.prepare('SELECT cleaned FROM pages WHERE doc_id = ? ORDER BY number').all(result.id!) as Array<{ cleaned: string }>).map((r) => r.cleaned);
    expect(relinked.map((c) => JSON.parse(c) as unknown)).toEqual(stored.map((c) => JSON.parse(c) as unknown));
    return stored;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('photos of a one-page document linked in the extraction worker', () => {
  const pool = createProcessor({ workers: 2 });
  afterAll(() => pool.close());

  it('stores the same photo links as the library links on the calling thread (relinkDocument)', async () => {
    // One page, two photos with captions: cjk-scanned.pdf (see fixtures/README).
    const inWorker = await importCleaned(pool, 'cjk-scanned.pdf');
    const onThisThread = await importCleaned(inThreadProcessor, 'cjk-scanned.pdf');
    const photos = (json: string) => (JSON.parse(json) as CleanedPage).photos;
    expect(photos(inWorker[0]).map((p) => p.links.length)).toEqual([1, 3]);
    expect(photos(inWorker[0])).toEqual(photos(onThisThread[0]));
    expect(JSON.parse(inWorker[0])).toEqual(JSON.parse(onThisThread[0]));
  }, 120_000);

  it('says so only for a one-page PDF: a longer one is linked by the library, across its pages', async () => {
    const one = await pool.process('pdf', fixture('cjk-scanned.pdf'), () => {});
    const two = await pool.process('pdf', fixture('cjk-photos.pdf'), () => {});
    expect(one).toEqual({ pageCount: 1, title: one.title, photosLinked: true });
    expect(two).toEqual({ pageCount: 2, title: two.title });
  }, 120_000);

  it('leaves a page without photos as it is', () => {
    const raw = { number: 1, width: 100, height: 200, items: [], images: [] } as unknown as RawPage;
    const cleaned = { blocks: [], photos: [] } as unknown as CleanedPage;
    expect(linkLonePage(raw, cleaned)).toBe(cleaned);
  });
});
