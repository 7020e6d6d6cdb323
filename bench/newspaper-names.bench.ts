/**
 * What naming search hits by their newspaper title costs `broadsheet search`:
 * the library-wide grouping (src-main/library/newspaper-names.ts) over a
 * library of N documents, beside `store.list()` + newspaperIndex (what `list`
 * does) as the baseline, in the same run. Wall and CPU ms, best of 5.
 *   npx node bench/newspaper-names.bench.ts [LIBRARY_DIR]   (default: a library of 10,000 generated rows)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newspaperIndex } from '../core/newspaper-titles.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { libraryNewspaperNames } from '../src-main/library/newspaper-names.ts';
import { loadAverage, usageMs } from './support/stats.ts';

const given = process.argv[2];
const dir = given ?? mkdtempSync(join(tmpdir(), 'bench-newspaper-names-'));
const store = new LibraryStore(dir);
if (!given) {
  // 10,000 pages of one LCCN in three spellings, plus guessed pages without one.
  const spellings = ['The Evening star', 'Evening star (Washington, D.C.)', 'Evening star.', 'Evening Star'];
  const insert = store.db.prepare(
    `INSERT INTO documents (id, kind, file_name, size, imported_at, fixity_checked_at, page_count, newspaper, date, page, edition, title, lccn, issue, sequence, page_label, volume, number, metadata_source, language)
     VALUES (?, 'pdf', ?, 1, '2026-01-01', '2026-01-01', 1, ?, '1900-01-01', 1, '', '', ?, '', 0, '', '', '', ?, '')`,
  );
  store.db.exec('BEGIN');
  for (let i = 0; i < 10_000; i++) {
    const s = spellings[i % 4];
    insert.run(i.toString(16).padStart(64, '0'), `${i}.pdf`, s, s === 'Evening Star' ? '' : 'sn83045462', s === 'Evening Star' ? 'guess' : 'mets');
  }
  store.db.exec('COMMIT');
}
const count = (store.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

function time(label: string, f: () => unknown): void {
  let best = { wall: Infinity, cpu: Infinity };
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (wall < best.wall) best = { wall, cpu: usageMs(c) };
  }
  console.log(`${label.padEnd(52)} wall ${best.wall.toFixed(1).padStart(7)} ms  cpu ${best.cpu.toFixed(1).padStart(7)} ms`);
}

console.log(`${count} documents; load average ${loadAverage(2)}`);
// store.list() caches its rows per write stamp: a one-shot CLI always pays the first read, so the baseline bypasses the cache.
time('baseline: store.list() + newspaperIndex (as list)', () => {
  (store as unknown as { listCache: unknown }).listCache = undefined;
  newspaperIndex(store.list());
});
time('search: libraryNewspaperNames (GROUP BY + index)', () => libraryNewspaperNames(store));
store.close();
if (!given) rmSync(dir, { recursive: true, force: true });
