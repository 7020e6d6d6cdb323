/**
 * The archive index against the fixture PDFs and the sample pages, read
 * through pdf.js and cleaned as the app does: every block that contains a
 * query is found and no hit lacks it (checked by an independent scan of the
 * cleaned text), overprints never double a hit, a hit's rectangles sit on
 * the matched glyphs, and the index survives restarts and rebuilds itself
 * when outdated, damaged or behind the library.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageModel, Rect } from '../../core/page-model.ts';
import { fold } from '../../core/search/fold.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from '../services/event-bus.ts';
import { SEARCH_FILE } from './search-index.ts';
import { SearchService } from './search-service.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = [
  join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'),
  join(ROOT, 'fixtures', 'pdf', 'cjk-scanned.pdf'),
  join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf'),
  join(ROOT, 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf'),
];

let dir: string;
let store: LibraryStore;
let pages: Array<{ doc: string; page: PageModel }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-search-'));
  store = new LibraryStore(dir);
  const results = await importFiles(
    store,
    inThreadProcessor,
    FILES.map((f) => ({ name: f, bytes: readFileSync(f) })),
  );
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
  pages = store.list().flatMap((d) => Array.from({ length: d.pageCount }, (_, i) => ({ doc: d.id, page: store.page(d.id, i + 1)! })));
  const search = new SearchService(store);
  expect(search.catchUpSync()).toBe(4);
  search.close();
}, 120_000);

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Blocks whose folded text contains the query: for a Latin word, as a whole word. An independent scan, not the index. */
function expectedBlocks(q: string): string[] {
  const f = fold(q);
  const latin = /^[a-z0-9]+$/.test(f);
  const re = latin ? new RegExp(`(?<![\\p{L}\\p{N}])${f}(?![\\p{L}\\p{N}])`, 'u') : null;
  return pages
    .flatMap(({ doc, page }) => page.blocks.filter((b) => (re ? re.test(fold(b.text)) : fold(b.text).includes(f))).map((b) => `${doc}/${b.id}`))
    .sort();
}

function open(): SearchService {
  return new SearchService(store);
}

describe('finding every block that contains the query, and nothing else', () => {
  const queries = ['职工', '工会', '活动中心', '大陈村', '一组组', '数据显示', '2020年', '谢谢', '村', 'council', 'bridges', 'Washington', 'evening', 'the'];
  for (const q of queries)
    it(`"${q}"`, () => {
      const search = open();
      const r = search.query({ q, limit: 500 });
      search.close();
      const expected = expectedBlocks(q);
      expect(expected.length).toBeGreaterThan(0);
      // Exact matches first; a Latin word also finds words it begins and misspellings, ranked after.
      const exact = r.hits.filter((h) => h.exact).map((h) => `${h.document}/${h.block}`);
      expect([...new Set(exact)].sort()).toEqual(expected);
      expect(exact.length).toBe(expected.length);
      for (const h of r.hits) {
        const block = pages.find((p) => p.doc === h.document && p.page.number === h.page)!.page.blocks.find((b) => b.id === h.block)!;
        const matched = h.ranges.map(([s, e]) => fold(block.text.slice(s, e)));
        // An exact hit holds the query itself; the words it begins ("the" → "they") are marked too.
        if (h.exact) expect(matched).toContain(fold(q));
        if (!/^[a-z]/.test(fold(q))) expect(new Set(matched)).toEqual(new Set([fold(q)]));
        for (const m of matched) expect(m.length).toBeGreaterThanOrEqual(Math.min(fold(q).length, 4) - 1);
        expect(h.marks.length).toBeGreaterThan(0);
        for (const [s, e] of h.marks) expect(fold(h.snippet.slice(s, e)).length).toBe(e - s);
      }
      expect(r.total).toBe(r.hits.length);
    });

  it('ANDs words, ORs them on request, excludes -words, and keeps quoted Latin phrases together', () => {
    const search = open();
    const and = search.query({ q: '职工 活动', limit: 500 }).hits.map((h) => h.block);
    const zhigong = new Set(expectedBlocks('职工'));
    const huodong = new Set(expectedBlocks('活动'));
    expect(and.length).toBe([...zhigong].filter((b) => huodong.has(b)).length);
    const or = search.query({ q: '谢谢 OR 大陈村', limit: 500 }).total;
    expect(or).toBe(new Set([...expectedBlocks('谢谢'), ...expectedBlocks('大陈村')]).size);
    const not = search.query({ q: '职工 -活动', limit: 500 }).total;
    expect(not).toBe([...zhigong].filter((b) => !huodong.has(b)).length);
    const phrase = search.query({ q: '"city council"', limit: 50 });
    expect(phrase.total).toBeGreaterThan(0);
    for (const h of phrase.hits) expect(fold(h.snippet)).toContain('city council');
    expect(search.query({ q: '"council city"', limit: 50 }).total).toBe(0);
    search.close();
  });

  it('finds an OCR misspelling of a Latin word, ranked below the exact hits', () => {
    const search = open();
    // The 1918 scan's OCR reads no "Washingten"; the sample's real word is found through the misspelt query.
    const r = search.query({ q: 'Washingten', limit: 50 });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => /washington/i.test(h.snippet))).toBe(true);
    const both = search.query({ q: 'Washington', limit: 50 });
    const firstInexact = both.hits.findIndex((h) => !h.exact);
    if (firstInexact >= 0) expect(both.hits.slice(firstInexact).every((h) => !h.exact)).toBe(true);
    search.close();
  });

  it('filters by document and block kind', () => {
    const search = open();
    const cjk = store.list().find((d) => d.fileName === 'cjk-overprint.pdf')!;
    const r = search.query({ q: '职工', document: cjk.id, limit: 500 });
    expect(r.hits.every((h) => h.document === cjk.id)).toBe(true);
    expect(r.total).toBe(expectedBlocks('职工').filter((b) => b.startsWith(cjk.id)).length);
    const headlines = search.query({ q: 'council', kinds: ['headline'], limit: 50 });
    expect(headlines.hits.length).toBeGreaterThan(0);
    expect(headlines.hits.every((h) => h.kind === 'headline')).toBe(true);
    search.close();
  });

  it('filters by a newspaper title, matching every spelling of it', () => {
    const sample = store.list().find((d) => d.fileName === 'evening-star-1918-09-01-p1.pdf')!;
    const latin = store.list().find((d) => d.fileName === 'latin-columns.pdf')!;
    expect(sample.newspaper).toBe('Evening Star'); // guessed from the file name
    const before = latin.newspaper;
    store.updateMetadata(latin.id, { newspaper: 'Evening star.' });
    try {
      const search = open();
      const docsOf = (newspaper: string) => [...new Set(search.query({ q: 'the', newspaper, limit: 500 }).hits.map((h) => h.document))].sort();
      // The archivist's spelling names the title; the guessed "Evening Star" is the same paper.
      expect(docsOf('Evening star.')).toEqual([sample.id, latin.id].sort());
      search.close();
    } finally {
      store.updateMetadata(latin.id, { newspaper: before });
    }
  });
});

describe('overprints', () => {
  it('never double a hit: one hit per cleaned block, and the raw layer gives one per page', () => {
    const search = open();
    const cjk = store.list().find((d) => d.fileName === 'cjk-overprint.pdf')!;
    const page = store.page(cjk.id, 1)!;
    // The raw text really is doubled ("大陈村职工活动中心…大陈村职工活动中心…").
    const rawText = page.items.map((i) => i.str).join('');
    expect(rawText.split('活动中心').length - 1).toBeGreaterThan(page.blocks.filter((b) => b.text.includes('活动中心')).length);
    const r = search.query({ q: '活动中心', document: cjk.id, limit: 500 });
    const ids = r.hits.map((h) => h.block);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(page.blocks.filter((b) => b.text.includes('活动中心')).length);
    for (const h of r.hits) expect(h.snippet.split('活动中心').length - 1).toBe(h.marks.length);
    const raw = search.query({ q: '活动中心', document: cjk.id, raw: true, limit: 50 });
    expect(raw.hits.length).toBe(1);
    expect(raw.hits[0].layer).toBe('raw');
    search.close();
  });
});

describe("a hit's rectangles", () => {
  const inside = (r: Rect, outer: Rect, tol = 1) => r[0] >= outer[0] - tol && r[1] >= outer[1] - tol && r[2] <= outer[2] + tol && r[3] <= outer[3] + tol;

  it('cover exactly the matched characters of the item they were drawn in', () => {
    const search = open();
    const r = search.query({ q: '大陈村', rects: true, limit: 50 });
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) {
      const page = store.page(h.document, h.page)!;
      const block = page.blocks.find((b) => b.id === h.block)!;
      const [[s]] = h.ranges;
      // The item holding the first matched character, and that character's slice of the item's box.
      const [itemIndex, charIndex] = block.map[s];
      const item = page.items[itemIndex];
      const w = (item.rect[2] - item.rect[0]) / item.str.length;
      const expected: Rect = [item.rect[0] + w * charIndex, item.rect[1], item.rect[0] + w * (charIndex + 3), item.rect[3]];
      expect(item.str.slice(charIndex, charIndex + 3)).toBe('大陈村');
      expect(h.rects).toHaveLength(1);
      const got = h.rects![0];
      for (let k = 0; k < 4; k++) expect(got[k]).toBeCloseTo(expected[k], 1);
      expect(block.rects.some((br) => inside(got, br))).toBe(true);
    }
    search.close();
  });

  it('are one word wide on the scanned 1918 page, inside the block, and raw hits land on the same glyphs', () => {
    const search = open();
    const r = search.query({ q: 'Washington', rects: true, limit: 50 });
    const raw = search.query({ q: 'Washington', rects: true, raw: true, limit: 50 });
    const exact = r.hits.filter((h) => h.exact);
    expect(exact.length).toBeGreaterThan(0);
    for (const h of exact) {
      const page = store.page(h.document, h.page)!;
      const block = page.blocks.find((b) => b.id === h.block)!;
      expect(h.rects!.length).toBe(h.ranges.length);
      for (const rect of h.rects!) {
        expect(block.rects.some((br) => inside(rect, br, 2))).toBe(true);
        const height = rect[3] - rect[1];
        const width = rect[2] - rect[0];
        // "Washington" is ten letters: wider than tall, and far narrower than a column.
        expect(width).toBeGreaterThan(height * 2);
        expect(width).toBeLessThan(200);
        // The raw hit on this word has a rectangle at the same place.
        expect(raw.hits.flatMap((x) => x.rects!).some((q) => Math.abs(q[0] - rect[0]) < 1 && Math.abs(q[1] - rect[1]) < 1)).toBe(true);
      }
    }
    search.close();
  });
});

describe('persistence', () => {
  it('survives a restart without rebuilding', () => {
    const a = open();
    const before = a.query({ q: '职工', limit: 500 }).total;
    a.close();
    const b = open();
    expect(b.index.resetReason).toBeNull();
    expect(b.plan()).toEqual({ missing: [], stale: [] });
    expect(b.query({ q: '职工', limit: 500 }).total).toBe(before);
    b.close();
  });

  it('rebuilds an outdated index in the background, with progress events, answering meanwhile', async () => {
    const db = new DatabaseSync(join(dir, SEARCH_FILE));
    db.exec("UPDATE meta SET value = '0' WHERE key = 'schema'");
    db.close();
    const events = new EventBus();
    const progress: Array<{ done: number; total: number; reason: string }> = [];
    events.subscribe((event, payload) => {
      if (event === 'search.progress') progress.push(payload as (typeof progress)[number]);
    });
    const s = new SearchService(store, events);
    expect(s.index.resetReason).toBe('outdated');
    expect(s.plan().missing).toHaveLength(4);
    const pending = s.catchUp();
    expect(s.query({ q: '职工' }).indexing).not.toBeNull();
    await pending;
    expect(progress[0]).toEqual({ done: 0, total: 4, reason: 'outdated' });
    expect(progress.at(-1)).toEqual({ done: 0, total: 0, reason: 'ready' });
    expect(s.query({ q: '职工', limit: 500 }).total).toBe(expectedBlocks('职工').length);
    s.close();
  });

  it('rebuilds a damaged index file', () => {
    writeFileSync(join(dir, SEARCH_FILE), 'this is not a database, it was torn by a crash');
    rmSync(join(dir, SEARCH_FILE + '-wal'), { force: true });
    rmSync(join(dir, SEARCH_FILE + '-shm'), { force: true });
    const s = open();
    expect(s.index.resetReason).toBe('damaged');
    expect(s.catchUpSync()).toBe(4);
    expect(s.query({ q: '大陈村', limit: 500 }).total).toBe(expectedBlocks('大陈村').length);
    s.close();
  });

  it('indexes what it lacks: a document it never saw (an import it missed, a library from an older version)', () => {
    const s = open();
    const [first] = store.list();
    s.removeDocument(first.id);
    expect(s.plan().missing).toEqual([first.id]);
    expect(s.catchUpSync()).toBe(1);
    expect(s.plan().missing).toEqual([]);
    s.close();
  });

  it('re-indexes a document left half-done by a crash mid-update', () => {
    const s = open();
    const scan = store.list().find((d) => d.fileName === 'evening-star-1918-09-01-p1.pdf')!;
    const page = store.page(scan.id, 1)!;
    const blocks = page.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text }));
    // Two pages in slices of 0 ms: the first slice commits, then the process "dies" before the second.
    const steps = s.index.indexDocumentSteps(scan.id, [{ number: 1, blocks, raw: '' }, { number: 2, blocks, raw: '' }], 2, 0);
    steps.next();
    s.close();
    const after = open();
    expect(after.plan().missing).toEqual([scan.id]);
    expect(after.catchUpSync()).toBe(1);
    expect(after.query({ q: 'Washington', document: scan.id, limit: 500 }).hits.every((h) => h.page === 1)).toBe(true);
    expect(after.plan().missing).toEqual([]);
    after.close();
  });

  it('re-indexes a page with corrected text, and says which layer matched', () => {
    const s = open();
    const latin = store.list().find((d) => d.fileName === 'latin-columns.pdf')!;
    const page = store.page(latin.id, 1)!;
    const blocks = page.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.id === page.blocks[1].id ? b.text + ' Zanzibar' : b.text }));
    s.indexPage(latin.id, 1, blocks, { layer: 'corrected' });
    const r = s.query({ q: 'zanzibar', rects: true });
    expect(r.hits.map((h) => [h.block, h.layer])).toEqual([[page.blocks[1].id, 'corrected']]);
    s.indexPage(latin.id, 1, page.blocks, { layer: 'cleaned' });
    expect(s.query({ q: 'zanzibar' }).total).toBe(0);
    s.close();
  });
});

describe('starting with nothing new', () => {
  it('skips comparing the index with every document until the library changes', () => {
    const s = open();
    s.catchUpSync();
    expect(s.upToDate()).toBe(true);
    s.close();
    const again = open();
    expect(again.upToDate()).toBe(true);
    // Nothing to compare: the plan is not even made.
    const plan = again.plan.bind(again);
    let planned = 0;
    again.plan = () => (planned++, plan());
    expect(again.catchUpSync()).toBe(0);
    expect(planned).toBe(0);
    // Any change to the documents (here: metadata saved, in any process) moves the library's stamp.
    const [first] = store.list();
    store.updateMetadata(first.id, { newspaper: first.newspaper + ' ' });
    expect(again.upToDate()).toBe(false);
    expect(again.catchUpSync()).toBe(0);
    expect(planned).toBe(1);
    expect(again.upToDate()).toBe(true);
    store.updateMetadata(first.id, { newspaper: first.newspaper });
    again.close();
  });
});
