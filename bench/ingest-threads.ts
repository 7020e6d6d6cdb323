/**
 * npx node bench/ingest-threads.ts [--workers 2] [--copies 24] [--warm-files 2] [--read-ahead N] [--marks] [--deopts]
 *
 * `--deopts`: runs the same import under V8's --trace-opt --trace-deopt-verbose and, after the usual table,
 * counts the batch's optimizing compiles (and their ms), and deopts by function, reason and source line.
 *
 * Where a batch import's CPU goes, thread by thread (Linux: /proc/self/task):
 * the batch of real LoC scans bench:ingest's section 4 imports
 * (bench/support/real-batch.ts), in one call with the workers up after
 * `--warm-files` files. Prints the CPU of each kind of thread (main; the
 * extraction workers, "WorkerThread"; V8's helper threads, "V8Worker", which
 * compile optimized code and collect garbage concurrently; libuv's pool,
 * hashing and writing) per file, for each quarter of the batch: whether a
 * file costs less late in the batch than early (the workers' JIT warming up),
 * then one JSON line.
 *
 * `--marks` prints "=== BATCH START/END" around the batch (and "=== BATCH HALF" when half its files are done), to cut V8's
 * --trace-opt output to it; the JSON's `window` is the batch in
 * CLOCK_MONOTONIC seconds, for `perf record -k CLOCK_MONOTONIC` then
 * `perf script --time <window>`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPaths } from '../src-main/library/import-paths.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { createProcessor } from '../src-main/library/processor.ts';
import { makeRealBatch } from './support/real-batch.ts';
import { traceDeopts } from './support/trace-deopts.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    copies: { type: 'string', default: '24' },
    'warm-files': { type: 'string', default: '2' },
    'read-ahead': { type: 'string' },
    marks: { type: 'boolean' },
    deopts: { type: 'boolean' },
  },
});
/** The bench's own lines: on stderr under --deopts' tracing, where V8's trace (stdout) cannot split them. */
const say = process.env.BROADSHEET_TRACED ? console.error : console.log;
if (values.deopts) {
  await traceDeopts(process.argv.slice(2).filter((a) => a !== '--deopts'));
  process.exit(0);
}
const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'pdfs', 'loc');
/** /proc's clock ticks (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

type ByName = Record<string, number>;

/** Every thread's name and CPU ms so far (utime + stime), by thread id. */
function threads(): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = tid === String(process.pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}

/** CPU ms since `before`, summed by kind of thread. */
function since(before: Map<string, { ms: number }>): ByName {
  const out: ByName = {};
  for (const [tid, t] of threads()) out[t.name] = (out[t.name] ?? 0) + t.ms - (before.get(tid)?.ms ?? 0);
  return out;
}

if (!existsSync(SHARED)) throw new Error(`${SHARED} is absent: the batch is made from the real Library of Congress pages there`);
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-threads-'));
try {
  const files = makeRealBatch(SHARED, join(dir, 'in'), Number(values.copies));
  const processor = createProcessor({ workers: Number(values.workers), ...(values['read-ahead'] ? { readAhead: Number(values['read-ahead']) } : {}) });
  const warm = new LibraryStore(join(dir, 'warm'));
  await importPaths(warm, processor, files.slice(0, Number(values['warm-files'])));
  warm.close();
  const store = new LibraryStore(join(dir, 'lib'));
  if (values.marks) console.log('=== BATCH START');
  const before = threads();
  const monoStart = Number(process.hrtime.bigint()) / 1e9;
  const idle0 = processor.idleMs;
  // CPU by kind of thread as each file is done.
  const curve: Array<{ done: number; byName: ByName }> = [{ done: 0, byName: {} }];
  const results = await importPaths(store, processor, files, (done) => {
    if (done > curve[curve.length - 1].done) curve.push({ done, byName: since(before) });
    if (values.marks && done === Math.ceil(files.length / 2)) console.log('=== BATCH HALF');
  });
  const total = since(before);
  const ms = (Number(process.hrtime.bigint()) / 1e9 - monoStart) * 1000;
  if (values.marks) console.log('=== BATCH END');
  curve.push({ done: files.length, byName: total });
  const idleMs = processor.idleMs - idle0;
  await processor.close();
  store.close();

  const kinds = Object.keys(total).filter((k) => total[k] >= 50).sort();
  const at = (n: number) => curve.filter((c) => c.done <= n).pop()!;
  say(`${values.workers} worker(s), ${files.length} files after ${values['warm-files']} warm-up files; CPU ms per file, by kind of thread, for each quarter of the batch:`);
  say(['files', ...kinds, 'all'].map((h) => h.padStart(14)).join(''));
  for (let q = 0; q < 4; q++) {
    const a = at(Math.round((q * files.length) / 4));
    const b = at(Math.round(((q + 1) * files.length) / 4));
    const n = b.done - a.done;
    if (n <= 0) continue;
    const per = kinds.map((k) => ((b.byName[k] ?? 0) - (a.byName[k] ?? 0)) / n);
    const all = Object.keys(b.byName).reduce((s, k) => s + (b.byName[k] ?? 0) - (a.byName[k] ?? 0), 0) / n;
    say([`${a.done + 1}-${b.done}`, ...per.map((v) => v.toFixed(0)), all.toFixed(0)].map((c) => c.padStart(14)).join(''));
  }
  say(
    JSON.stringify({
      window: `${monoStart.toFixed(6)},${(monoStart + ms / 1000).toFixed(6)}`,
      workers: Number(values.workers),
      files: files.length,
      imported: results.filter((r) => r.status === 'imported').length,
      ms: Math.round(ms),
      cpuMs: Object.values(total).reduce((s, v) => s + v, 0),
      idleMs: Math.round(idleMs),
      byName: total,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
