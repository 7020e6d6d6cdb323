import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../core/library-model.ts';
import { repeatPages } from '../../scripts/fixtures/long-pdf.ts';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';
import { throttledPageProgress } from './page-progress.ts';
import { createProcessor } from './processor.ts';

const CJK = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-overprint.pdf');
const PAGES = 24;

type Event = Omit<ImportProgress, 'batch'>;

describe('import progress of a long file: its pages as they are stored', () => {
  let dir: string;
  let store: LibraryStore;
  let source: Uint8Array;
  const pool = createProcessor({ workers: 2 });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-page-progress-'));
    store = new LibraryStore(dir);
    source = readFileSync(CJK);
  });
  afterAll(async () => {
    await pool.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Two files of other lengths (other bytes: each a new document), one through each processor.
  for (const [name, processor, pages] of [
    ['the worker pool (two workers sharing the pages)', pool, PAGES],
    ['the in-thread processor', inThreadProcessor, PAGES + 1],
  ] as const) {
    it(`reports every page stored, with the page count, between the file's start and end: ${name}`, async () => {
      const events: Event[] = [];
      const file = `long-${pages}.pdf`;
      // Unthrottled (0 ms): every page is an event, so the whole stream is known.
      const [result] = await importFiles(store, processor, [{ name: file, bytes: await repeatPages(source, pages) }], (p) => events.push(p), 0);
      expect(result.status).toBe('imported');
      expect(events).toEqual([
        { done: 0, total: 1, file },
        ...Array.from({ length: pages }, (_, i) => ({ done: 0, total: 1, file, page: i + 1, pages })),
        { done: 1, total: 1, file },
        { done: 1, total: 1, file: '' },
      ]);
    });
  }

  it('sends at most one page count per interval, the latest', () => {
    let t = 0;
    const seen: number[] = [];
    const report = throttledPageProgress((page) => seen.push(page), 250, () => t);
    for (let page = 1; page <= 100; page++) {
      t += 10; // a page every 10 ms
      report(page, 100);
    }
    // 1,000 ms: a count each 250 ms, never more.
    expect(seen).toEqual([25, 50, 75, 100]);
  });
});
