import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { SEARCH_FILE } from './search-index.ts';
import { SearchService } from './search-service.ts';
import { dropPageTexts, holdIndexText } from './stored-page-texts.ts';

/**
 * With a SearchService open (the app, the CLI's import), an import's text
 * goes to the index in batches while the pages come, instead of being held
 * whole until the document is committed; the index it makes must be the one
 * indexing the held text after the commit makes.
 */

// A 30-page text dump (pages end at form feeds), Chinese and Latin, each page its own words.
const DUMP = Array.from({ length: 30 }, (_, i) =>
  [`第${i + 1}版 来到大陈村的记者看到了新的学校和道路`, `Harbor council page ${i + 1} voted on the bridge bond`, `工人${'之家'.repeat(i % 5 + 1)}今天开放`].join('\n'),
).join('\f');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function library(): LibraryStore {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-streamed-index-'));
  dirs.push(dir);
  return new LibraryStore(dir);
}

/** Every row of the index, as page, block, layer, kind, text and the indexed terms, document ids left out. */
function indexRows(store: LibraryStore): unknown[] {
  const db = new DatabaseSync(join(store.dir, SEARCH_FILE), { readOnly: true });
  try {
    return db.prepare('SELECT b.page, b.block, b.layer, b.kind, b.text, t.body FROM blocks b LEFT JOIN terms t ON t.rowid = b.rowid ORDER BY b.page, b.layer, b.block').all();
  } finally {
    db.close();
  }
}

function docsRows(store: LibraryStore): Array<{ id: string; pages: number }> {
  const db = new DatabaseSync(join(store.dir, SEARCH_FILE), { readOnly: true });
  try {
    return db.prepare('SELECT id, pages FROM docs').all() as Array<{ id: string; pages: number }>;
  } finally {
    db.close();
  }
}

const input = () => [{ name: 'issue.txt', bytes: new TextEncoder().encode(DUMP) }];

describe('search text streamed to the index during an import', () => {
  it('makes the same index as the text held until the commit, in batches while the pages come', async () => {
    // Before: the text held whole, indexed once the document is committed.
    const held = library();
    const [a] = await importFiles(held, inThreadProcessor, input());
    expect(a.status).toBe('imported');
    const heldSearch = new SearchService(held);
    expect(heldSearch.catchUpSync()).toBe(1);
    heldSearch.close();

    // Streamed: batches of 1,000 characters (about 7 pages: raw and cleaned text, ~70 characters each), the last pages sent at the catch-up.
    const streamed = library();
    const search = new SearchService(streamed, undefined, { streamBatchChars: 1000 });
    const [b] = await importFiles(streamed, inThreadProcessor, input());
    expect(b.status).toBe('imported');
    // Before the catch-up the index already holds most pages, marked as importing: searches leave them out.
    expect(docsRows(streamed)).toEqual([{ id: b.id, pages: -2 }]);
    expect(search.query({ q: '大陈村', limit: 500 }).total).toBe(0);
    expect(search.query({ q: 'harbor', raw: true, limit: 500 }).total).toBe(0);
    const pagesIndexed = new Set((indexRows(streamed) as Array<{ page: number }>).map((r) => r.page));
    expect(pagesIndexed.size).toBeGreaterThanOrEqual(20);
    expect(pagesIndexed.size).toBeLessThan(30);
    expect(search.catchUpSync()).toBe(1);
    expect(docsRows(streamed)).toEqual([{ id: b.id, pages: 30 }]);

    const rows = indexRows(streamed);
    expect(rows.length).toBeGreaterThan(60);
    expect(rows).toEqual(indexRows(held));
    expect(search.query({ q: '大陈村', limit: 500 }).total).toBe(30);
    expect(search.query({ q: 'harbor', raw: true, limit: 500 }).total).toBe(30);
    search.close();
  });

  it('leaves nothing in the index when the import fails after some batches went', () => {
    const store = library();
    const search = new SearchService(store, undefined, { streamBatchChars: 1 });
    const id = 'f'.repeat(64);
    holdIndexText(store, id, { number: 1, blocks: [{ id: 'p1b0', kind: 'paragraph', text: '来到大陈村' }], raw: '来到大陈村' });
    expect(docsRows(store)).toEqual([{ id, pages: -2 }]);
    dropPageTexts(store, id);
    expect(docsRows(store)).toEqual([]);
    expect(indexRows(store)).toEqual([]);
    search.close();
  });
});
