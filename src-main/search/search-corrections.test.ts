import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/contract.ts';
import type { PageModel } from '../../core/page-model.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from '../services/event-bus.ts';
import { createHandlers } from '../services/handlers.ts';
import { SearchService } from './search-service.ts';

const LATIN = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'latin-columns.pdf');

describe('search follows the archivist’s corrections', () => {
  let dir: string;
  let store: LibraryStore;
  let search: SearchService;
  let id: string;
  let call: (name: string, params: unknown) => ReturnType<typeof dispatch>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-search-corrections-'));
    store = new LibraryStore(dir);
    const [imported] = await importFiles(store, inThreadProcessor, [{ name: 'latin.pdf', bytes: readFileSync(LATIN) }]);
    id = imported.id!;
    const bus = new EventBus();
    search = new SearchService(store, bus);
    search.catchUpSync();
    const handlers = createHandlers({ store, events: bus, processor: inThreadProcessor, host: 'browser', version: 'test', search });
    call = (name, params) => dispatch(handlers, name, params);
  }, 60_000);
  afterAll(() => {
    search.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a corrected word, says the corrected layer matched, and keeps it through a rebuilt index', async () => {
    const page = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result;
    const block = page.blocks.find((b) => b.kind === 'paragraph')!;
    expect(search.query({ q: 'Zeppelinfold' }).total).toBe(0);
    expect((await call('corrections.set', { docId: id, page: 1, blockId: block.id, text: `${block.text} Zeppelinfold`, reason: 'OCR dropped a word' })).ok).toBe(true);
    await new Promise((r) => setImmediate(r));
    const hit = search.query({ q: 'Zeppelinfold' });
    expect(hit.hits.map((h) => [h.document, h.page, h.block, h.layer])).toEqual([[id, 1, block.id, 'corrected']]);

    // A damaged or outdated index is rebuilt from the library: the correction must survive that too.
    search.index.removeDocument(id);
    search.catchUpSync();
    expect(search.query({ q: 'Zeppelinfold' }).hits.map((h) => h.layer)).toEqual(['corrected']);
  });

  it('puts only the corrected block in the corrected layer: the other blocks of its page stay cleaned', async () => {
    const page = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result;
    // "baltimore" is in several blocks of the page; the archivist corrects it in one of them only.
    const target = page.blocks.find((b) => b.id === 'p1b15')!;
    const others = page.blocks.filter((b) => b.id !== target.id && /\bbaltimore\b/i.test(b.text)).map((b) => b.id);
    expect(others.length).toBeGreaterThan(2);
    expect((await call('corrections.set', { docId: id, page: 1, blockId: target.id, text: target.text.replaceAll('baltimore', 'Annapolis'), reason: 'misread place' })).ok).toBe(true);
    await new Promise((r) => setImmediate(r));

    const layers = (q: string) =>
      search
        .query({ q, limit: 100, rects: true })
        .hits.map((h) => [h.block, h.layer])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en', { numeric: true }));
    const check = () => {
      // The old word: found in every never-edited block, as cleaned text, and no longer in the corrected block.
      expect(layers('baltimore')).toEqual(others.map((b) => [b, 'cleaned']));
      // The new word: only in the corrected block, as corrected text.
      expect(layers('Annapolis')).toEqual([[target.id, 'corrected']]);
      // A word the correction kept: the corrected block is a corrected hit, every other block a cleaned one.
      const bridges = layers('bridges');
      expect(bridges.find(([b]) => b === target.id)).toEqual([target.id, 'corrected']);
      expect(bridges.filter(([b]) => b !== target.id && b !== 'p1b1').every(([, l]) => l === 'cleaned')).toBe(true);
      expect(bridges.length).toBeGreaterThan(3);
    };
    check();
    // Rebuilt from the library (indexCorrections): the same layers.
    search.index.removeDocument(id);
    search.catchUpSync();
    check();
  });
});
