/**
 * npx node bench/ingest-memory-trace.ts FILE… [--every MS] [--workers N]
 *
 * Where an import's peak memory comes from: imports the files into a fresh
 * library as `broadsheet import` does (one call) and samples, every MS
 * milliseconds, the process's RSS, the main thread's V8 heap and its
 * ArrayBuffers, and each extraction worker's V8 heap
 * (Worker.getHeapStatistics: its heap and the external memory, such as
 * ArrayBuffers, it holds). What is left of RSS is native memory: malloc
 * arenas, pdf.js's wasm, SQLite's page cache, code. Prints the sample at the
 * peak, the peak of each phase (extraction, photo linking) and VmHWM.
 * `--index`: index for search too, as the app does. Run with
 * MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 to match bin/broadsheet.
 *
 * Also how long the main thread is blocked (in Electron it is the thread
 * that answers IPC): each stored page's handler (storing it and, every
 * LINK_WINDOW pages of a long document, linking a window of photos), and the
 * event loop's delay over the whole import (perf_hooks).
 *
 * `--index-on main|thread`: where the index is written (default thread, as
 * the app does: search-index-thread.ts). `--compare` runs the import twice,
 * each in its own process (same flags, --index), written on the main thread
 * then on the worker, and prints the figures side by side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importPaths } from '../src-main/library/import-paths.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { createProcessor } from '../src-main/library/processor.ts';
import { SearchService } from '../src-main/search/search-service.ts';
import { DEFAULT_SEARCH_INDEX_WORKER_URL } from '../src-main/search/search-index-thread.ts';
import type { PageProcessor } from '../src-main/library/import-service.ts';

const { values, positionals } = parseArgs({
  options: { every: { type: 'string', default: '250' }, workers: { type: 'string' }, index: { type: 'boolean' }, 'index-on': { type: 'string', default: 'thread' }, compare: { type: 'boolean' } },
  allowPositionals: true,
});
const MB = (n: number) => Math.round(n / (1024 * 1024));
const SUMMARY = 'summary: ';

if (values.compare) {
  // Each way in its own process: peak RSS and CPU are per process.
  const rows: Array<[string, Record<string, number>]> = [];
  for (const on of ['main', 'thread']) {
    const args = [process.argv[1], '--index', '--index-on', on, '--every', values.every!, ...(values.workers ? ['--workers', values.workers] : []), ...positionals];
    console.log(`--- index written on the ${on === 'main' ? 'main' : 'worker'} thread: node ${args.join(' ')}`);
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    process.stdout.write(run.stdout);
    const line = run.stdout.split('\n').find((l) => l.startsWith(SUMMARY));
    if (run.status !== 0 || !line) throw new Error(`the run with the index on the ${on} thread failed (exit ${run.status})`);
    rows.push([on, JSON.parse(line.slice(SUMMARY.length)) as Record<string, number>]);
  }
  const fig: Array<[string, string, (r: Record<string, number>) => string]> = [
    ['main thread CPU over the import', 's', (r) => r.mainCpuS.toFixed(1)],
    ['longest page handler (main thread CPU)', 'ms', (r) => r.longestHandlerCpuMs.toFixed(0)],
    ['page handlers over 20 ms CPU', '', (r) => String(r.handlersOver20)],
    ['max event-loop delay', 'ms', (r) => r.maxLoopDelayMs.toFixed(0)],
    ['total wall', 's', (r) => r.wallS.toFixed(1)],
    ['total CPU (every thread)', 's', (r) => r.cpuS.toFixed(1)],
    ['peak RSS (VmHWM)', 'MB', (r) => String(r.peakRssMb)],
  ];
  console.log(`\n${positionals.join(' ')}: search index written on the main thread (before) / on its worker (after); load ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  for (const [label, unit, f] of fig) console.log(`  ${label.padEnd(40)} ${f(rows[0][1]).padStart(8)} → ${f(rows[1][1]).padStart(8)} ${unit}`);
  process.exit(0);
}
const indexOn = values['index-on'];
if (indexOn !== 'main' && indexOn !== 'thread') throw new Error(`--index-on takes main or thread, not ${indexOn}`);

const workers = new Set<Worker>();
process.on('worker', (w: Worker) => {
  workers.add(w);
  w.once('exit', () => workers.delete(w));
});

let phase = 'extract';
/** Main-thread time of each stored page's handler (store + any photo-link window it completes). */
const handlerMs: number[] = [];
/** The same, in this thread's CPU time: under load, wall time counts the time the thread waited for a core. */
const handlerCpuMs: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let pagesDone = 0;
const base = createProcessor({ workers: values.workers ? Number(values.workers) : undefined });
const processor: PageProcessor & { close(): Promise<void> } = {
  concurrency: base.concurrency,
  photoLinkWorkerUrl: base.photoLinkWorkerUrl,
  async process(kind, data, onPage, opts) {
    phase = 'extract';
    const r = await base.process(
      kind,
      data,
      (p) => {
        pagesDone++;
        const s = performance.now();
        const c = process.threadCpuUsage();
        const out = onPage(p);
        const cpu = process.threadCpuUsage(c);
        handlerMs.push(performance.now() - s);
        handlerCpuMs.push((cpu.user + cpu.system) / 1000);
        return out;
      },
      opts,
    );
    // derivePages links photos next, on this thread.
    phase = 'link photos';
    return r;
  },
  close: () => base.close(),
};

interface Sample {
  t: number;
  phase: string;
  pages: number;
  rss: number;
  mainHeap: number;
  mainUsed: number;
  arrayBuffers: number;
  workerHeaps: number[];
}
const samples: Sample[] = [];
const t0 = performance.now();
let sampling = true;
async function sample(): Promise<void> {
  const mu = process.memoryUsage();
  const hs = getHeapStatistics();
  const workerHeaps = await Promise.all([...workers].map((w) => w.getHeapStatistics().then((h) => h.total_heap_size + ((h as { external_memory?: number }).external_memory ?? 0), () => 0)));
  samples.push({ t: performance.now() - t0, phase, pages: pagesDone, rss: mu.rss, mainHeap: hs.total_heap_size, mainUsed: hs.used_heap_size, arrayBuffers: mu.arrayBuffers, workerHeaps });
}
const loop = (async () => {
  while (sampling) {
    await sample();
    await new Promise((r) => setTimeout(r, Number(values.every)));
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-trace-'));
const store = new LibraryStore(dir);
const cpu0 = process.cpuUsage();
const mainCpu0 = process.threadCpuUsage();
// --index: as the app, a search service open during the import and caught up after it.
const search = values.index ? new SearchService(store, undefined, indexOn === 'thread' ? { indexWorkerUrl: DEFAULT_SEARCH_INDEX_WORKER_URL } : {}) : null;
const results = await importPaths(store, processor, positionals);
phase = 'index';
if (search?.thread) await search.catchUp();
else search?.catchUpSync();
const maxQueuedChars = search?.thread?.maxQueuedChars ?? 0;
await search?.close();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const mainCpu = process.threadCpuUsage(mainCpu0);
sampling = false;
await loop;
for (const r of results) if (r.status !== 'imported') console.log(`${r.file}: ${r.status} ${r.error ?? ''}`);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];

const row = (s: Sample) => {
  const workersSum = s.workerHeaps.reduce((a, b) => a + b, 0);
  const native = s.rss - s.mainHeap - workersSum - s.arrayBuffers;
  return `${(s.t / 1000).toFixed(1).padStart(6)} s  ${s.phase.padEnd(11)} page ${String(s.pages).padStart(5)}  RSS ${String(MB(s.rss)).padStart(4)}  main heap ${MB(s.mainHeap)} (used ${MB(s.mainUsed)})  array buffers ${MB(s.arrayBuffers)}  worker heaps ${s.workerHeaps.map(MB).join(' + ') || '–'}  rest (native: malloc, wasm, SQLite, code) ${MB(native)}`;
};
const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
console.log(`files: ${positionals.length}, pages: ${pagesDone}, wall ${(wallMs / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (every thread; main thread ${((mainCpu.user + mainCpu.system) / 1e6).toFixed(1)} s), load ${loadavg().map((n) => n.toFixed(1)).join(' ')}, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'} MALLOC_MMAP_THRESHOLD_=${process.env.MALLOC_MMAP_THRESHOLD_ ?? 'unset'}`);
console.log(`VmHWM ${MB(Number(hwm) * 1024)} MB, maxRSS ${MB(process.resourceUsage().maxRSS * 1024)} MB`);
console.log('peak sample (MB):');
console.log(row(peak));
for (const ph of new Set(samples.map((s) => s.phase))) {
  const of = samples.filter((s) => s.phase === ph);
  const top = of.reduce((a, b) => (b.rss > a.rss ? b : a));
  console.log(`peak of phase "${ph}" (${of.length} samples):`);
  console.log(row(top));
}
loopDelay.disable();
{
  // A page handler over 20 ms of CPU linked a window of photos (when linking runs on this thread) or sent a batch of
  // search text to the index (storing a page takes 1–3 ms).
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const top = (xs: number[]) => [...xs].sort((a, b) => b - a).slice(0, 5).map((ms) => ms.toFixed(0)).join(', ') || '–';
  const windows = handlerCpuMs.map((c, i) => [c, handlerMs[i]]).filter(([c]) => c > 20);
  console.log(
    `main thread, page handlers (${handlerMs.length}): wall total ${(sum(handlerMs) / 1000).toFixed(2)} s, longest ${top(handlerMs)} ms; thread CPU total ${(sum(handlerCpuMs) / 1000).toFixed(2)} s, longest ${top(handlerCpuMs)} ms`,
  );
  console.log(
    `  of which over 20 ms CPU (photo-link windows on this thread, search-index batches): ${windows.length}, CPU total ${(sum(windows.map(([c]) => c)) / 1000).toFixed(2)} s, wall total ${(sum(windows.map(([, w]) => w)) / 1000).toFixed(2)} s`,
  );
  console.log(`event loop delay: max ${(loopDelay.max / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, mean ${(loopDelay.mean / 1e6).toFixed(1)} ms`);
  if (search) console.log(`search index written on the ${indexOn === 'main' ? 'main thread' : 'worker thread'}${search.thread ? `; most page text waiting for the worker at once: ${(maxQueuedChars / 1e6).toFixed(1)} M chars` : ''}`);
  const summary = {
    mainCpuS: (mainCpu.user + mainCpu.system) / 1e6,
    longestHandlerCpuMs: Math.max(0, ...handlerCpuMs),
    handlersOver20: windows.length,
    maxLoopDelayMs: loopDelay.max / 1e6,
    wallS: wallMs / 1000,
    cpuS: (cpu.user + cpu.system) / 1e6,
    peakRssMb: MB(Number(hwm) * 1024),
  };
  console.log(SUMMARY + JSON.stringify(summary));
}
if (process.env.TRACE_ALL) for (const s of samples) console.log(row(s));
await processor.close();
store.close();
rmSync(dir, { recursive: true, force: true });
