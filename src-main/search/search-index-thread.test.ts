import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/contract.ts';
import type { PageModel } from '../../core/page-model.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from '../services/event-bus.ts';
import { createHandlers } from '../services/handlers.ts';
import { SEARCH_FILE } from './search-index.ts';
import { DEFAULT_SEARCH_INDEX_WORKER_URL } from './search-index-thread.ts';
import { SearchService } from './search-service.ts';

/**
 * The index written by its worker thread (the app) must be the index the
 * main thread wrote (the CLI): same rows, same terms, same answers; and an
 * archivist's correction must survive whatever the worker was busy with.
 */

const LATIN = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'latin-columns.pdf');
// A 30-page text dump, Chinese and Latin, each page its own words.
const DUMP = Array.from({ length: 30 }, (_, i) =>
  [`第${i + 1}版 来到大陈村的记者看到了新的学校和道路`, `Harbor council page ${i + 1} voted on the bridge bond`, `工人${'之家'.repeat((i % 5) + 1)}今天开放`].join('\n'),
).join('\f');
const dump = () => ({ name: 'issue.txt', bytes: new TextEncoder().encode(DUMP) });
const latin = () => ({ name: 'latin.pdf', bytes: readFileSync(LATIN) });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function library(): LibraryStore {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-index-thread-'));
  dirs.push(dir);
  return new LibraryStore(dir);
}

/** Every row of the index (documents by id, blocks with their indexed terms), in one order. */
function indexRows(store: LibraryStore): unknown[] {
  const db = new DatabaseSync(join(store.dir, SEARCH_FILE), { readOnly: true });
  try {
    return db
      .prepare('SELECT d.id, d.pages, b.page, b.block, b.layer, b.kind, b.text, t.body FROM blocks b JOIN docs d ON d.n = b.doc LEFT JOIN terms t ON t.rowid = b.rowid ORDER BY d.id, b.page, b.layer, b.block, b.text')
      .all();
  } finally {
    db.close();
  }
}

const QUERIES = [{ q: '大陈村', limit: 100 }, { q: 'harbor bridge' }, { q: 'harbr' }, { q: 'baltimore', limit: 100 }, { q: 'Harbor', raw: true, limit: 100 }, { q: '之家之家' }, { q: 'brid' }];
const answers = (search: SearchService) => QUERIES.map((q) => ({ ...search.query(q), tookMs: 0 }));

describe('the search index written on a worker thread', () => {
  it('equals the index written on the main thread: a document imported before the service opened, and one streamed while it imports', async () => {
    const results: Array<{ rows: unknown[]; answers: unknown[] }> = [];
    for (const on of ['main', 'thread'] as const) {
      const store = library();
      // Imported with no index open: indexed from the library at the catch-up (on the worker: read there).
      expect((await importFiles(store, inThreadProcessor, [latin()]))[0].status).toBe('imported');
      const search = new SearchService(store, undefined, { streamBatchChars: 1000, ...(on === 'thread' ? { indexWorkerUrl: DEFAULT_SEARCH_INDEX_WORKER_URL } : {}) });
      expect(search.thread !== null).toBe(on === 'thread');
      expect((await importFiles(store, inThreadProcessor, [dump()]))[0].status).toBe('imported');
      if (on === 'thread') await search.catchUp();
      else search.catchUpSync();
      expect(search.upToDate()).toBe(true);
      results.push({ rows: indexRows(store), answers: answers(search) });
      await search.close();
      store.close();
    }
    const [main, thread] = results;
    expect(main.rows.length).toBeGreaterThan(100);
    expect(thread.rows).toEqual(main.rows);
    expect((main.answers[0] as { total: number }).total).toBe(30);
    expect((main.answers[2] as { hits: Array<{ exact: boolean }> }).hits.some((h) => !h.exact)).toBe(true);
    expect(thread.answers).toEqual(main.answers);
  }, 120_000);

  it('keeps a correction made while another document imports, and while its own document is re-indexed whole', async () => {
    const store = library();
    const events = new EventBus();
    const search = new SearchService(store, events, { streamBatchChars: 500, indexWorkerUrl: DEFAULT_SEARCH_INDEX_WORKER_URL });
    const [{ id }] = await importFiles(store, inThreadProcessor, [latin()]);
    await search.catchUp();
    const handlers = createHandlers({ store, events, processor: inThreadProcessor, host: 'browser', version: 'test', search });
    const call = (name: string, params: unknown) => dispatch(handlers, name, params);
    const page = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result;
    const target = page.blocks.find((b) => b.id === 'p1b15')!;
    const layers = (q: string) => search.query({ q, limit: 100 }).hits.filter((h) => h.block === target.id).map((h) => h.layer);
    const correct = async (text: string) => expect((await call('corrections.set', { docId: id!, page: 1, blockId: target.id, text, reason: 'test' })).ok).toBe(true);

    // Corrected while the worker takes another document's batches (one every few pages of it).
    const importing = importFiles(store, inThreadProcessor, [dump()]);
    await correct(target.text.replaceAll('baltimore', 'Annapolis'));
    expect((await importing)[0].status).toBe('imported');
    await search.catchUp();
    await search.settled();
    expect(layers('Annapolis')).toEqual(['corrected']);
    expect(layers('baltimore')).toEqual([]);
    expect(search.query({ q: '大陈村', limit: 100 }).total).toBe(30);

    // The index loses the document (damaged, thrown away) and the catch-up re-indexes it whole from the library
    // while the archivist corrects the same block again: the last correction is what the index holds.
    search.removeDocument(id!);
    await search.settled();
    expect(search.upToDate()).toBe(false);
    const caughtUp = search.catchUp();
    await correct(target.text.replaceAll('baltimore', 'Frederick'));
    await caughtUp;
    await search.settled();
    expect(layers('Frederick')).toEqual(['corrected']);
    expect(layers('Annapolis')).toEqual([]);
    expect(layers('baltimore')).toEqual([]);
    await search.close();
    store.close();
  }, 120_000);
});
