/**
 * npx node --disable-warning=ExperimentalWarning bench/library-first-window.ts [--library DIR] [--docs 10000] [--runs 9]
 *
 * Migration 14's claim, measured: the library's first 40-row window (library-store.ts listWindow, the first
 * screenful at start) in each of the list's four orders, read through the order's index against the same library
 * without the four indexes (a sort of every document). DIR (a library made by `npm run bench:library -- --library
 * DIR`) is only read: it is copied twice into a temporary folder, and the indexes are dropped in one copy. Without
 * DIR a library of --docs documents is built (bench/support/bench-library.ts). Each run opens each copy afresh (as
 * at start: no page of it in SQLite's cache) and times the window query alone, the schema already read; the two
 * copies alternate, in turn first. Medians of the runs: wall and CPU time, the load average beside them.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { LIBRARY_SORTS } from '../core/library-model.ts';
import { listSql } from '../src-main/library/library-store.ts';
import { buildBenchLibrary } from './support/bench-library.ts';
import { cpuMs, loadAverage, median } from './support/stats.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, docs: { type: 'string', default: '10000' }, runs: { type: 'string', default: '9' } } });
const WINDOW = 40;
const INDEXES = ['documents_by_date', 'documents_by_newspaper', 'documents_by_title', 'documents_by_imported'];

const root = mkdtempSync(join(tmpdir(), 'broadsheet-first-window-'));
try {
  let source = values.library;
  if (!source) {
    source = join(root, 'built');
    console.log(`building a library of ${values.docs} documents …`);
    await buildBenchLibrary(source, Number(values.docs));
  }
  const load0 = loadAverage(2);
  const copies = { with: join(root, 'with'), without: join(root, 'without') };
  for (const dir of Object.values(copies)) {
    mkdirSync(dir);
    // The WAL too, when the library has one: what it holds is part of the library.
    for (const f of ['library.sqlite', 'library.sqlite-wal']) if (existsSync(join(source, f))) copyFileSync(join(source, f), join(dir, f));
  }
  {
    const db = new DatabaseSync(join(copies.without, 'library.sqlite'));
    for (const name of INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
    db.exec('VACUUM'); // the same compact file as the other copy has, less the indexes
    db.close();
  }
  {
    const db = new DatabaseSync(join(copies.with, 'library.sqlite'));
    const have = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as Array<{ name: string }>).map((r) => r.name);
    const missing = INDEXES.filter((n) => !have.includes(n));
    if (missing.length) throw new Error(`${source}: the library lacks ${missing.join(', ')} (open it once with this Broadsheet: migration 14)`);
    db.exec('VACUUM');
    const { n } = db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
    db.close();
    console.log(`${n} documents (a copy of ${source}), first window of ${WINDOW} rows`);
  }

  const times: Record<string, Record<keyof typeof copies, { wall: number[]; cpu: number[] }>> = {};
  for (const sort of LIBRARY_SORTS) times[sort] = { with: { wall: [], cpu: [] }, without: { wall: [], cpu: [] } };
  const runs = Number(values.runs);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const sort of LIBRARY_SORTS) {
      const { sql } = listSql({ sort });
      for (const variant of order) {
        const db = new DatabaseSync(join(copies[variant], 'library.sqlite'), { readOnly: true });
        db.prepare('SELECT count(*) FROM sqlite_master').get(); // the schema read, as the app has by then
        // The process's CPU, not this thread's: Linux counts a thread's own in scheduler ticks (0 or 4 ms for a query
        // this short), the process's to the nanosecond; no other thread of it works meanwhile.
        const cpu = process.cpuUsage();
        const t = performance.now();
        const rows = db.prepare(`${sql} LIMIT ? OFFSET ?`).all(WINDOW, 0);
        const wall = performance.now() - t;
        const used = cpuMs(cpu);
        db.close();
        if (rows.length !== WINDOW) throw new Error(`${sort}: ${rows.length} rows, expected ${WINDOW}`);
        times[sort][variant].wall.push(wall);
        times[sort][variant].cpu.push(used);
      }
    }
  }

  const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;
  console.log(`order       with the index (wall, CPU)     without (wall, CPU)         CPU ratio`);
  for (const sort of LIBRARY_SORTS) {
    const w = times[sort].with;
    const o = times[sort].without;
    const ratio = median(o.cpu) / Math.max(median(w.cpu), 0.001);
    console.log(`${sort.padEnd(10)}  ${ms(median(w.wall))} ${ms(median(w.cpu))}    ${ms(median(o.wall))} ${ms(median(o.cpu))}    ×${ratio.toFixed(0)}`);
  }
  console.log(`(medians of ${runs} runs, each copy opened afresh; CPU of the process; load average ${load0} → ${loadAverage(2)})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
