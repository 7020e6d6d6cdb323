/**
 * What cleaning a real scan page costs in CPU, garbage collection and
 * allocation, steady state, beside a baseline core in the same run:
 *   npx node bench/clean-alloc.ts [--runs N] [--against DIR] [--top N] [--no-alloc] [--young MB]
 *
 * Pages: the CJK overprint fixture and the Library of Congress scans from
 * ../shared/pdfs/loc (skipped with a note where absent), each scan both alone
 * (cleanPage) and with its ALTO (cleanPageWithAlto, what an import of a scan
 * with its OCR layout runs). Raw pages come from bench/clean-identity.ts's
 * cache (run that once first).
 *
 * Per page and core, medians of `runs` rounds (cores alternate within a round,
 * so the machine's load falls on both alike):
 *   cpu      main-thread CPU ms (user + system of the cleaning thread alone)
 *   proc     whole-process CPU ms (with V8's GC and compiler helper threads)
 *   gc       number of GC pauses during the clean, and their total ms (PerformanceObserver 'gc')
 *   alloc    MB allocated by the clean: V8's sampling heap profiler with collected objects
 *            counted (a separate pass, so the sampling does not weigh on the times)
 * --against DIR  a copy of core/ from another commit (e.g. `git archive main core | tar -x -C .cache/base`,
 *                DIR=.cache/base/core)
 * --top N        the N functions that allocate most (self, this core, summed over the pages)
 * --young MB     the young generation the cleaning thread gets (default 8, what extract-pool.ts gives
 *                its extraction workers, where cleaning runs: the measuring runs in such a worker;
 *                0 = this process's main thread with V8's default, which collects far less often)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, Worker } from 'node:worker_threads';
import type { CleanedPage, RawPage } from '../core/page-model.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { cpuMs, loadAverage, median, threadCpuMs } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'clean-identity');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '3' },
    against: { type: 'string' },
    top: { type: 'string', default: '0' },
    'no-alloc': { type: 'boolean' },
    young: { type: 'string', default: '8' },
  },
  // A worker (below) gets the same arguments.
  args: isMainThread ? process.argv.slice(2) : (await import('node:worker_threads')).workerData,
});

if (isMainThread && Number(values.young) > 0) {
  const w = new Worker(import.meta.filename, {
    workerData: process.argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: Number(values.young) },
  });
  await new Promise((resolve, reject) => w.on('exit', resolve).on('error', reject));
  process.exit();
}

interface Core {
  cleanPage(page: RawPage): CleanedPage;
  cleanPageWithAlto(page: RawPage, alto: string | null): CleanedPage;
}
const load = async (dir: string): Promise<Core> => import(pathToFileURL(join(resolve(dir), 'cleaning/clean-page.ts')).href);
const cores: Array<[label: string, core: Core]> = [['this core', await load(join(ROOT, 'core'))]];
if (values.against) cores.push(['--against', await load(values.against)]);

interface Case {
  name: string;
  page: RawPage;
  alto: string | null;
}
const cases: Case[] = [];
const cached = (name: string): RawPage | null => {
  const file = join(CACHE, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RawPage[])[0] : null;
};
const cjk = cached('cjk-overprint.pdf');
if (cjk) cases.push({ name: 'cjk-overprint.pdf', page: cjk, alto: null });
const loc = join(sharedDir(ROOT), 'pdfs/loc');
if (existsSync(loc)) {
  for (const f of readdirSync(loc).filter((n) => n.endsWith('.pdf')).sort()) {
    const page = cached(f);
    if (!page) {
      console.log(`${f}: not in ${CACHE} (run npm run bench:clean-identity once), skipped`);
      continue;
    }
    cases.push({ name: f, page, alto: null });
    const alto = join(loc, f.replace(/\.pdf$/, '.alto.xml'));
    if (existsSync(alto)) cases.push({ name: `${f} +alto`, page, alto: readFileSync(alto, 'utf8') });
  }
} else console.log(`note: ${loc} is absent; the Library of Congress pages are skipped`);
if (!cases.length) console.log(`no pages in ${CACHE}: run npm run bench:clean-identity once`);

const clean = (core: Core, c: Case) => (c.alto ? core.cleanPageWithAlto(c.page, c.alto) : core.cleanPage(c.page));

// GC pauses, as the observer reports them (asynchronously: flushed by awaiting a macrotask after each clean).
let gcs: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push(e.duration);
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 0));

interface Sample {
  cpu: number;
  proc: number;
  gcCount: number;
  gcMs: number;
}
async function timeOne(core: Core, c: Case): Promise<Sample> {
  await settle();
  gcs = [];
  const m0 = process.threadCpuUsage();
  const p0 = process.cpuUsage();
  clean(core, c);
  const cpu = threadCpuMs(m0);
  const proc = cpuMs(p0);
  await settle();
  return { cpu, proc, gcCount: gcs.length, gcMs: gcs.reduce((a, b) => a + b, 0) };
}

/** Bytes allocated by one clean, and by function (self), from the sampling heap profiler. */
const session = new Session();
session.connect();
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}
async function allocOne(core: Core, c: Case, byFn: Map<string, number> | null): Promise<number> {
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  clean(core, c);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  let total = 0;
  const where = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(core|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  const walk = (n: ProfileNode, parent?: ProfileNode) => {
    total += n.selfSize;
    if (byFn && n.selfSize) {
      const f = n.callFrame;
      // A builtin (regex exec, Set add) is named with the function that called it.
      const key = f.url ? where(f) : `${f.functionName} < ${parent ? where(parent.callFrame) : '?'}`;
      byFn.set(key, (byFn.get(key) ?? 0) + n.selfSize);
    }
    for (const child of n.children) walk(child, n.callFrame.url || !parent ? n : parent);
  };
  walk(profile.head);
  return total;
}

const runs = Number(values.runs);
const warmup = Number(values.warmup);
const top = Number(values.top);
const byFn = top ? new Map<string, number>() : null;
console.log(`load average at start: ${loadAverage()}`);
console.log(Number(values.young) > 0 ? `cleaning in a worker with a ${values.young} MB young generation (extract-pool.ts gives its workers 8)` : 'cleaning on the main thread, V8 default heap');
const sums = cores.map(() => ({ cpu: 0, gcCount: 0, gcMs: 0, alloc: 0 }));
for (const c of cases) {
  const got = cores.map(() => [] as Sample[]);
  for (let r = 0; r < warmup + runs; r++) {
    for (const k of r % 2 ? [...cores.keys()].reverse() : [...cores.keys()]) {
      const s = await timeOne(cores[k][1], c);
      if (r >= warmup) got[k].push(s);
    }
  }
  const alloc = cores.map(() => [] as number[]);
  if (!values['no-alloc']) {
    for (let r = 0; r < 3; r++) for (const k of cores.keys()) alloc[k].push(await allocOne(cores[k][1], c, k === 0 && r === 0 ? byFn : null));
  }
  const cols = cores.map(([label], k) => {
    const at = (f: (s: Sample) => number) => median(got[k].map(f));
    const a = alloc[k].length ? median(alloc[k]) / 2 ** 20 : NaN;
    sums[k].cpu += at((s) => s.cpu);
    sums[k].gcCount += at((s) => s.gcCount);
    sums[k].gcMs += at((s) => s.gcMs);
    sums[k].alloc += a;
    return `${label}: cpu ${at((s) => s.cpu).toFixed(1)} proc ${at((s) => s.proc).toFixed(1)} gc ${at((s) => s.gcCount)}× ${at((s) => s.gcMs).toFixed(1)} ms alloc ${a.toFixed(1)} MB`;
  });
  console.log(`${c.name}: ${cols.join(' | ')}  (per page, median of ${runs})`);
}
console.log(
  `sum over pages: ${cores.map(([label], k) => `${label} cpu ${sums[k].cpu.toFixed(1)} ms, gc ${sums[k].gcCount}× ${sums[k].gcMs.toFixed(1)} ms, alloc ${sums[k].alloc.toFixed(1)} MB`).join(' | ')}`,
);
if (byFn) {
  console.log(`top allocating functions (self, this core, one clean of each page):`);
  for (const [fn, bytes] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(bytes / 2 ** 20).toFixed(2).padStart(7)} MB  ${fn}`);
}
console.log(`load average at end: ${loadAverage()}`);
session.disconnect();
