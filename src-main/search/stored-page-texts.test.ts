import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageModel } from '../../core/page-model.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { pageInput, SearchService } from './search-service.ts';
import { dropPageTexts, holdPageText, MAX_HELD_CHARS, takePageTexts } from './stored-page-texts.ts';
import { tempLibrary } from '../library/testing/temp-library.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = [join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'), join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf')];

const lib = tempLibrary('broadsheet-held-');

const split = (page: PageModel) => ({ raw: { number: page.number, width: page.width, height: page.height, items: page.items, images: page.images }, cleaned: page });

describe('text an import holds for the index', () => {
  it('is exactly what the library stored, so indexing from it finds what indexing from the library finds', async () => {
    // Held while importing (import-service.ts): the probe below takes a copy before the index does.
    const results = await importFiles(lib.store, inThreadProcessor, FILES.map((f) => ({ name: f, bytes: readFileSync(f) })));
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    for (const doc of lib.store.list()) {
      const held = takePageTexts(lib.store, doc.id, doc.pageCount);
      const stored = Array.from({ length: doc.pageCount }, (_, i) => pageInput(lib.store.page(doc.id, i + 1)!));
      expect(held).toEqual(stored);
      // Taken once: the second time the library is read.
      expect(takePageTexts(lib.store, doc.id, doc.pageCount)).toBeNull();
    }
    // Indexed from the library (nothing held now) and from held text (held again below): the same hits.
    const fromLibrary = new SearchService(lib.store);
    expect(fromLibrary.catchUpSync()).toBe(2);
    const a = fromLibrary.query({ q: '大陈村', limit: 500 });
    for (const doc of lib.store.list()) {
      for (let n = 1; n <= doc.pageCount; n++) {
        const { raw, cleaned } = split(lib.store.page(doc.id, n)!);
        holdPageText(lib.store, doc.id, raw, cleaned);
      }
      fromLibrary.indexDocument(doc.id);
      expect(takePageTexts(lib.store, doc.id, doc.pageCount)).toBeNull();
    }
    const b = fromLibrary.query({ q: '大陈村', limit: 500 });
    fromLibrary.close();
    expect(a.total).toBeGreaterThan(0);
    expect(b.hits.map((h) => [h.document, h.block, h.snippet])).toEqual(a.hits.map((h) => [h.document, h.block, h.snippet]));
  });

  it('is not used when a page is missing, and is dropped, not kept, when it would pass the bound', () => {
    const [doc] = lib.store.list();
    const page = lib.store.page(doc.id, 1)!;
    const { raw, cleaned } = split(page);
    holdPageText(lib.store, doc.id, raw, cleaned);
    expect(takePageTexts(lib.store, doc.id, 2)).toBeNull();

    const huge = { ...raw, items: [{ ...raw.items[0], str: 'x'.repeat(MAX_HELD_CHARS) }] };
    holdPageText(lib.store, doc.id, raw, cleaned);
    holdPageText(lib.store, doc.id, { ...huge, number: 2 }, cleaned);
    // The whole document goes the slow way, and what it held is freed.
    expect(takePageTexts(lib.store, doc.id, 2)).toBeNull();
    holdPageText(lib.store, doc.id, raw, cleaned);
    expect(takePageTexts(lib.store, doc.id, 1)).toHaveLength(1);

    holdPageText(lib.store, doc.id, raw, cleaned);
    dropPageTexts(lib.store, doc.id);
    expect(takePageTexts(lib.store, doc.id, 1)).toBeNull();
  });
});
