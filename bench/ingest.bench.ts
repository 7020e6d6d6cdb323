/**
 * npm run bench:ingest [-- --sizes 200,2000,10000] [--runs N] [--baseline REF | --no-baseline]
 *
 * Full ingest (extract with pdf.js in the worker pool, clean, store in
 * SQLite) against poppler's pdftotext on the same files, in the same run:
 *
 * 1. each real and fixture page file in its own process: wall and CPU time
 *    (the machine is shared: CPU time is the steadier number) and the ratio
 *    to pdftotext; goal ≤ 2× on the real scanned pages;
 * 2. generated long PDFs (200, 2,000 and, when asked, 10,000 pages): peak
 *    RSS, goal ≤ 600 MB at any length;
 * 3. one batch import of all the page files with 1 and with 2 extraction
 *    workers: how ingest scales with cores; 3b. the real scanned pages in
 *    one import call, as an archivist imports a folder, against pdftotext
 *    over the same files one after another (before, 1 and 2 workers);
 * 4. real scanned pages at scale (issue #11's own measure: many real page
 *    PDFs in one import call): --real-copies N page files (default 24) made
 *    from the LoC pages (bench/support/real-batch.ts), imported in one call
 *    with the workers up, 1 and 2 workers, against pdftotext over the same
 *    files one after another (and two pdftotext processes side by side), and
 *    the peak RSS at N and 2N pages (memory bounded for a batch of any size).
 *    `--real-only` runs this section alone.
 *
 * Beside each import: making the page views it left unstored (what the
 * app's background pass does before the reader can show the page), so a
 * change that moves work between the two is seen whole.
 *
 * "before" is the same measurement on an older checkout (default: where this
 * branch left main, `git merge-base HEAD main`), unpacked into
 * .cache/bench-baseline/ with `git archive` and run with this checkout's
 * bench drivers (bench/ingest-one.ts, bench/ingest-batch.ts use only APIs
 * both have). The old path's 10,000-page run is left out: it grows about
 * 0.4 MB a page (2,000 pages peaked past 1 GB) on a machine others share.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackBaseline } from './support/baseline-checkout.ts';
import { makeRealBatch } from './support/real-batch.ts';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'pdfs', 'loc');
const NODE = process.execPath;
/** As bin/broadsheet runs the CLI and the host (see there); Electron's own process does not get it. Both sides of the comparison run with it. */
const ENV: NodeJS.ProcessEnv = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072' };
// bin/broadsheet runs the CLI and host with Node's compile cache (the stripped TypeScript and V8's code, kept on
// disk; workers inherit it through the environment), so a fresh process's first file is measured as it runs there:
// on the 1918 page it took the first import's CPU from ~1,220 to ~1,040 ms. Its own folder, filled by the first run;
// --no-compile-cache measures without (every module stripped and compiled at each start).
const COMPILE_CACHE = process.argv.includes('--no-compile-cache') ? null : (process.env.NODE_COMPILE_CACHE ?? join(ROOT, '.cache', 'bench-node-compile-cache'));
if (COMPILE_CACHE) ENV.NODE_COMPILE_CACHE = COMPILE_CACHE;
else {
  delete ENV.NODE_COMPILE_CACHE;
  ENV.NODE_DISABLE_COMPILE_CACHE = '1';
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,2000' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '3' },
    baseline: { type: 'string' },
    'no-baseline': { type: 'boolean' },
    /** Only section 2 (peak memory of the long PDFs). */
    'long-only': { type: 'boolean' },
    /** Page files in section 4's batch of real scans (cycled over the LoC pages). */
    'real-copies': { type: 'string', default: '24' },
    /** Only section 4 (the batch of real scanned pages at scale). */
    'real-only': { type: 'boolean' },
    /** Measure without Node's compile cache (bin/broadsheet runs with it). */
    'no-compile-cache': { type: 'boolean' },
  },
});
const RUNS = Number(values.runs);
const LOAD_AT_START = loadavg().map((n) => n.toFixed(1)).join(' ');
console.log(`load average: ${LOAD_AT_START} (the machine is shared: read CPU times beside wall times)`);
console.log(`NODE_COMPILE_CACHE=${COMPILE_CACHE ?? '(off: --no-compile-cache)'} for every process measured, before and after, as bin/broadsheet runs the CLI and host`);
console.log(
  `MALLOC_ARENA_MAX=${ENV.MALLOC_ARENA_MAX} MALLOC_MMAP_THRESHOLD_=${ENV.MALLOC_MMAP_THRESHOLD_} for every import measured, before and after (as bin/broadsheet runs the CLI and host, and npm start Electron)`,
);
const SIZES = values['real-only'] ? [] : values.sizes!.split(',').map(Number).filter((n) => n > 0);
if (!SIZES.includes(10000)) console.log('note: the 10,000-page PDF is left out by default (minutes on a shared machine): --sizes 200,2000,10000 adds it');

// ---- the baseline checkout ---------------------------------------------------

function baselineDir(): string | null {
  if (values['no-baseline']) return null;
  try {
    const base = unpackBaseline(ROOT, values.baseline);
    if (!base) return null;
    // The same drivers on both sides.
    for (const f of ['ingest-one.ts', 'ingest-batch.ts']) copyFileSync(join(ROOT, 'bench', f), join(base.dir, 'bench', f));
    console.log(`before: ${base.ref} (${base.sha.slice(0, 12)}), unpacked in ${base.dir}`);
    return base.dir;
  } catch (err) {
    console.log(`note: no baseline (${(err as Error).message.split('\n')[0]}); pass --baseline REF`);
    return null;
  }
}
const BASE = baselineDir();

// ---- runners -------------------------------------------------------------------

interface One {
  pages: number;
  ms: number;
  cpuMs: number;
  warmMs: number;
  warmCpuMs: number;
  /** Making the page views the warm import left unstored (absent from older drivers' output: NaN). */
  warmViewMs?: number;
  warmViewCpuMs?: number;
  peakRssMb: number;
  /** library.sqlite on disk after the import (absent from older drivers' output). */
  libraryBytes?: number;
}

function runOne(root: string, file: string, once = false): One {
  // A long file is measured as the app imports it: indexed for search too (its search service is open during the import).
  const extra = once ? ['--once', '--index'] : [];
  const r = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', join(root, 'bench', 'ingest-one.ts'), file, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: ENV,
  });
  if (r.status !== 0) throw new Error(`ingest of ${file} failed (${root}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as One;
}

interface Batch {
  pages: number;
  ms: number;
  cpuMs: number;
  /** Then making the page views the import left unstored. */
  viewMs?: number;
  viewCpuMs?: number;
  /** The main thread's own CPU during the import (null where Node lacks process.threadCpuUsage). */
  mainCpuMs?: number | null;
  /** Workers' time between finishing a file and being handed the next, summed (null from older checkouts). */
  idleMs?: number | null;
  /** With --passes 2: the same batch again in the same process, the workers warm from the first (ingest-batch.ts). */
  warm?: { ms: number; cpuMs: number; mainCpuMs: number; idleMs: number };
  files?: number;
  imported?: number;
  failed?: string[];
  peakRssMb: number;
}

function runBatch(root: string, files: string[], workers?: number, extra: string[] = []): Batch {
  const args = ['--disable-warning=ExperimentalWarning', join(root, 'bench', 'ingest-batch.ts'), ...(workers ? ['--workers', String(workers)] : []), ...extra, ...files];
  const r = spawnSync(NODE, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: ENV });
  if (r.status !== 0) throw new Error(`batch import failed (${root}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Batch;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
if (!hasPdftotext) console.log('note: pdftotext (poppler-utils) is not installed; no baseline column');

/** pdftotext's whole process: wall and CPU (user + system, through /usr/bin/time where there is one). */
function pdftotext(file: string): { ms: number; cpuMs: number } {
  if (!hasPdftotext) return { ms: NaN, cpuMs: NaN };
  const started = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', 'pdftotext', '-enc', 'UTF-8', file, '/dev/null'], { encoding: 'utf8' })
    : spawnSync('pdftotext', ['-enc', 'UTF-8', file, '/dev/null'], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) return { ms: NaN, cpuMs: NaN };
  const [u, s] = TIME ? r.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN];
  return { ms, cpuMs: (u + s) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(1) + '×' : '–');
const both = (ms: number, cpu: number) => `${f0(ms)} (${f0(cpu)})`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

// ---- 1. page files, each in its own process -----------------------------------------

const REAL_ONLY = values['real-only'] ?? false;
const LONG_ONLY = (values['long-only'] ?? false) || REAL_ONLY;
const real = !LONG_ONLY && existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(SHARED, f)) : [];
if (!real.length && !LONG_ONLY) console.log(`note: ${SHARED} is absent; the real Library of Congress pages are skipped`);
const fixtures = LONG_ONLY ? [] : ['cjk-overprint.pdf', 'cjk-scanned.pdf', 'latin-columns.pdf', 'cjk-photos.pdf'].map((f) => join(ROOT, 'fixtures', 'pdf', f)).filter((f) => existsSync(f));
const pageFiles = [...real, ...fixtures];

interface Measured {
  ms: number;
  cpuMs: number;
}
// beforeV / afterV: the import and then the page views it left unstored (the reader's page, made by the app's background pass).
// beforeC / afterC: the first import of a fresh process (workers starting, pdf.js loading, nothing compiled), as a
// one-file `broadsheet import` pays it; pdftotext is timed as a whole process too.
const sums = {
  real: { base: [0, 0], before: [0, 0], after: [0, 0], beforeV: [0, 0], afterV: [0, 0], beforeC: [0, 0], afterC: [0, 0] },
  all: { base: [0, 0], before: [0, 0], after: [0, 0], beforeV: [0, 0], afterV: [0, 0], beforeC: [0, 0], afterC: [0, 0] },
};
const add = (into: number[], m: Measured) => ((into[0] += m.ms), (into[1] += m.cpuMs));
const rows: string[][] = [];
/** The library's bytes on disk per page after importing the file (the original PDF apart). */
const kbPerPage = (xs: One[]) => (xs.length && xs[0].libraryBytes !== undefined ? f0(median(xs.map((r) => r.libraryBytes!)) / 1024 / xs[0].pages) : '–');
for (const file of pageFiles) {
  const after: One[] = [];
  const before: One[] = [];
  const base: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    after.push(runOne(ROOT, file));
    if (BASE) before.push(runOne(BASE, file));
    base.push(pdftotext(file));
  }
  const warm = (xs: One[]): Measured => ({ ms: median(xs.map((r) => r.warmMs)), cpuMs: median(xs.map((r) => r.warmCpuMs)) });
  const withViews = (xs: One[]): Measured => ({
    ms: median(xs.map((r) => r.warmMs + (r.warmViewMs ?? NaN))),
    cpuMs: median(xs.map((r) => r.warmCpuMs + (r.warmViewCpuMs ?? NaN))),
  });
  const a = warm(after);
  const b = before.length ? warm(before) : { ms: NaN, cpuMs: NaN };
  const cold = (xs: One[]): Measured => ({ ms: median(xs.map((r) => r.ms)), cpuMs: median(xs.map((r) => r.cpuMs)) });
  const ac = cold(after);
  const bc = before.length ? cold(before) : { ms: NaN, cpuMs: NaN };
  const av = withViews(after);
  const bv = before.length ? withViews(before) : { ms: NaN, cpuMs: NaN };
  const p = { ms: median(base.map((m) => m.ms)), cpuMs: median(base.map((m) => m.cpuMs)) };
  for (const group of real.includes(file) ? [sums.real, sums.all] : [sums.all]) {
    add(group.base, p);
    add(group.before, b);
    add(group.after, a);
    add(group.beforeV, bv);
    add(group.afterV, av);
    add(group.beforeC, bc);
    add(group.afterC, ac);
  }
  rows.push([
    basename(file),
    (statSync(file).size / 1e6).toFixed(1),
    String(after[0].pages),
    both(p.ms, p.cpuMs),
    both(b.ms, b.cpuMs),
    both(a.ms, a.cpuMs),
    `${ratio(b.ms, p.ms)} / ${ratio(a.ms, p.ms)}`,
    `${ratio(b.cpuMs, p.cpuMs)} / ${ratio(a.cpuMs, p.cpuMs)}`,
    `${both(bv.ms - b.ms, bv.cpuMs - b.cpuMs)} / ${both(av.ms - a.ms, av.cpuMs - a.cpuMs)}`,
    f0(Math.max(...after.map((r) => r.peakRssMb))),
    `${kbPerPage(before)} / ${kbPerPage(after)}`,
  ]);
}
if (!LONG_ONLY) {
console.log(`\n1. full ingest (extract + clean + store) of each file, median of ${RUNS} runs, each in a fresh process, warm`);
console.log('   (the second file of the process: workers up, pdf.js loaded, as in a batch). ms (CPU ms, every thread); pdftotext: its whole process.');
console.log('   library KB/page: library.sqlite on disk after the import, closed, over its pages (the original PDF is kept apart, in objects/).');
console.log('   + views: then making the page views the import did not store (the app\'s background pass, before the reader can show the page); the "import + page views" totals add them.');
table(['file', 'MB', 'pages', 'pdftotext', 'before', 'after', 'wall ×: before / after', 'CPU ×: before / after', '+ views: before / after', 'peak RSS MB', 'library KB/page: before / after'], rows);
for (const [label, s] of [['real scanned pages', sums.real], ['all files', sums.all]] as const) {
  if (label === 'real scanned pages' && !real.length) continue;
  console.log(
    `total, ${label}: pdftotext ${both(s.base[0], s.base[1])} ms; before ${both(s.before[0], s.before[1])} ms → ${ratio(s.before[0], s.base[0])} wall, ${ratio(s.before[1], s.base[1])} CPU;` +
      ` after ${both(s.after[0], s.after[1])} ms → ${ratio(s.after[0], s.base[0])} wall, ${ratio(s.after[1], s.base[1])} CPU (goal ≤ 2×)`,
  );
  console.log(
    `  import + page views, ${label}: before ${both(s.beforeV[0], s.beforeV[1])} ms → ${ratio(s.beforeV[0], s.base[0])} wall, ${ratio(s.beforeV[1], s.base[1])} CPU;` +
      ` after ${both(s.afterV[0], s.afterV[1])} ms → ${ratio(s.afterV[0], s.base[0])} wall, ${ratio(s.afterV[1], s.base[1])} CPU`,
  );
  console.log(
    `  cold (each file the first of a fresh process), ${label}: before ${both(s.beforeC[0], s.beforeC[1])} ms → ${ratio(s.beforeC[0], s.base[0])} wall, ${ratio(s.beforeC[1], s.base[1])} CPU;` +
      ` after ${both(s.afterC[0], s.afterC[1])} ms → ${ratio(s.afterC[0], s.base[0])} wall, ${ratio(s.afterC[1], s.base[1])} CPU`,
  );
}

}

// ---- 2. long generated PDFs: peak memory -------------------------------------------

const GOAL_RSS_MB = 600;
const longRows: string[][] = [];
for (const n of SIZES) {
  const file = join(ROOT, '.cache', 'fixtures', `cjk-bench-${n}.pdf`);
  if (!existsSync(file)) {
    console.log(`generating the ${n}-page benchmark PDF (once, cached in .cache/fixtures)…`);
    spawnSync(NODE, [join(ROOT, 'scripts', 'fixtures', 'generate.ts'), '--pages', String(n)], { stdio: 'inherit' });
  }
  const after = runOne(ROOT, file, true);
  const before = BASE && n <= 2000 ? runOne(BASE, file, true) : null;
  const p = pdftotext(file);
  longRows.push([
    String(n),
    (statSync(file).size / 1e6).toFixed(1),
    before ? f0(before.peakRssMb) : 'not run',
    `${f0(after.peakRssMb)} ${after.peakRssMb <= GOAL_RSS_MB ? 'ok' : 'OVER'}`,
    both(p.ms / 1000, p.cpuMs / 1000),
    before ? both(before.ms / 1000, before.cpuMs / 1000) : '–',
    both(after.ms / 1000, after.cpuMs / 1000),
  ]);
}
if (longRows.length) {
  console.log(`\n2. one long generated PDF (CJK, overprinted runs, photos), first import of a fresh process (2 workers); goal: peak RSS ≤ ${GOAL_RSS_MB} MB at any length`);
  console.log('   peak RSS: the whole process (main thread and workers), getrusage maxrss; extract, clean, store and index for search, as the app imports');
  table(['pages', 'MB', 'before peak RSS MB', `after peak RSS MB (≤ ${GOAL_RSS_MB})`, 'pdftotext s (CPU s)', 'before s (CPU s)', 'after s (CPU s)'], longRows);
}

// ---- 3. scaling: one batch import, 1 and 2 workers -----------------------------------

if (!LONG_ONLY) {

const one = runBatch(ROOT, pageFiles, 1);
const two = runBatch(ROOT, pageFiles, 2);
const old = BASE ? runBatch(BASE, pageFiles) : null;
const pagesOf = one.pages;
console.log(`\n3. one import of all ${pageFiles.length} page files (${pagesOf} pages) into one library, workers already up; ms (CPU ms)`);
table(
  ['', 'wall ms (CPU ms)', 'pages/s', 'cores busy (CPU/wall)', 'peak RSS MB', 'speed-up'],
  [
    ...(old ? [['before (its own pool: 2 workers)', both(old.ms, old.cpuMs), (old.pages / (old.ms / 1000)).toFixed(2), (old.cpuMs / old.ms).toFixed(2), f0(old.peakRssMb), ratio(one.ms, old.ms)]] : []),
    ['after, 1 worker', both(one.ms, one.cpuMs), (one.pages / (one.ms / 1000)).toFixed(2), (one.cpuMs / one.ms).toFixed(2), f0(one.peakRssMb), '1.0×'],
    ['after, 2 workers', both(two.ms, two.cpuMs), (two.pages / (two.ms / 1000)).toFixed(2), (two.cpuMs / two.ms).toFixed(2), f0(two.peakRssMb), ratio(one.ms, two.ms)],
  ],
);
console.log('cores busy: CPU time over wall time, how many cores the import kept working (other helpers\' load lowers it; 1 worker cannot pass ~1.2).');
console.log('speed-up: wall time of 1 worker over this row (goal: > 1×, the pool scales with cores; at most 2× on this 2-core machine).');
console.log('Wall times count other helpers\' load on this machine; CPU times do not.');

if (real.length) {
  // The real scans as an archivist imports them: one import call over the folder's pages (their ALTO and METS found
  // beside them, as `broadsheet import` finds them), against pdftotext over the same files one after another.
  const loc: Record<string, Batch[]> = { after2: [], after1: [], before: [] };
  const locBase: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    loc.after2.push(runBatch(ROOT, real, 2));
    loc.after1.push(runBatch(ROOT, real, 1));
    if (BASE) loc.before.push(runBatch(BASE, real));
    const each = real.map((f) => pdftotext(f));
    locBase.push({ ms: each.reduce((n, m) => n + m.ms, 0), cpuMs: each.reduce((n, m) => n + m.cpuMs, 0) });
  }
  const med = (xs: Batch[], f: (b: Batch) => number) => median(xs.map(f));
  const p = { ms: median(locBase.map((m) => m.ms)), cpuMs: median(locBase.map((m) => m.cpuMs)) };
  const row = (label: string, xs: Batch[]): string[] => {
    const ms = med(xs, (b) => b.ms), cpuMs = med(xs, (b) => b.cpuMs);
    const vms = med(xs, (b) => b.ms + (b.viewMs ?? NaN)), vcpu = med(xs, (b) => b.cpuMs + (b.viewCpuMs ?? NaN));
    return [label, both(ms, cpuMs), ratio(ms, p.ms), ratio(cpuMs, p.cpuMs), both(vms, vcpu), ratio(vms, p.ms), ratio(vcpu, p.cpuMs)];
  };
  console.log(`\n3b. the ${real.length} real scanned pages in one import call (with the ALTO/METS beside them), workers up; median of ${RUNS}; ms (CPU ms)`);
  console.log(`   pdftotext over the same files one after another: ${both(p.ms, p.cpuMs)} ms`);
  table(
    ['', 'import', 'wall ×', 'CPU ×', 'import + page views', 'wall ×', 'CPU ×'],
    [...(BASE ? [row('before (its own pool: 2 workers)', loc.before)] : []), row('after, 1 worker', loc.after1), row('after, 2 workers', loc.after2)],
  );
}
}
// ---- 4. real scanned pages at scale: one import call -------------------------------------

/** pdftotext over `files` in `lanes` processes side by side (each lane one file after another): wall, and CPU summed. */
async function pdftotextLanes(files: string[], lanes: number): Promise<Measured> {
  if (!hasPdftotext || !TIME) return { ms: NaN, cpuMs: NaN };
  let next = 0;
  let cpuMs = 0;
  const one = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const p = spawn(TIME, ['-f', '%U %S', 'pdftotext', '-enc', 'UTF-8', file, '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => {
        if (code !== 0) return reject(new Error(`pdftotext ${file}: ${err.trim()}`));
        const [u, s] = err.trim().split('\n').pop()!.split(' ').map(Number);
        cpuMs += (u + s) * 1000;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let i: number; (i = next++) < files.length; ) await one(files[i]);
  }));
  return { ms: performance.now() - started, cpuMs };
}

if (!LONG_ONLY || REAL_ONLY) {
  const N = Number(values['real-copies']);
  if (!existsSync(SHARED)) console.log(`\n4. skipped: ${SHARED} is absent (the real Library of Congress pages the batch is made from)`);
  else if (!(N > 0)) console.log(`\n4. skipped: --real-copies ${values['real-copies']} is not a page count`);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-realbatch-'));
    try {
      const files = makeRealBatch(SHARED, dir, N);
      const files2 = makeRealBatch(SHARED, dir, 2 * N);
      const noViews = ['--no-views'];
      const runs: Record<'after2' | 'after1' | 'before' | 'before1' | 'noAhead', Batch[]> = { after2: [], after1: [], before: [], before1: [], noAhead: [] };
      const seq: Measured[] = [];
      const par: Measured[] = [];
      const loads: string[] = [];
      const check = (b: Batch, label: string) => {
        if (b.failed?.length || (b.imported !== undefined && b.imported !== b.files)) console.log(`   warning (${label}): ${b.imported}/${b.files} imported; ${b.failed?.join('; ')}`);
        return b;
      };
      for (let i = 0; i < RUNS; i++) {
        loads.push(loadavg()[0].toFixed(1));
        // Each pass twice in its process: the first with the workers just up (cold pool), the second with them warm from it.
        runs.after2.push(check(runBatch(ROOT, files, 2, [...noViews, '--passes', '2']), 'after, 2 workers'));
        runs.after1.push(check(runBatch(ROOT, files, 1, [...noViews, '--passes', '2']), 'after, 1 worker'));
        runs.noAhead.push(check(runBatch(ROOT, files, 2, [...noViews, '--read-ahead', '0']), 'after, 2 workers, no read-ahead'));
        if (BASE) runs.before1.push(check(runBatch(BASE, files, 1, [...noViews, '--passes', '2']), 'before, 1 worker'));
        if (BASE) runs.before.push(check(runBatch(BASE, files, 2, [...noViews, '--passes', '2']), 'before'));
        seq.push(await pdftotextLanes(files, 1));
        par.push(await pdftotextLanes(files, 2));
      }
      // Memory at twice the pages: the same import with 2N files, once for each side.
      const after2N = check(runBatch(ROOT, files2, 2, noViews), 'after, 2N');
      const before2N = BASE ? check(runBatch(BASE, files2, 2, noViews), 'before, 2N') : null;
      const med = (xs: Batch[], f: (b: Batch) => number) => (xs.length ? median(xs.map(f)) : NaN);
      const p1 = { ms: median(seq.map((m) => m.ms)), cpuMs: median(seq.map((m) => m.cpuMs)) };
      const p2 = { ms: median(par.map((m) => m.ms)), cpuMs: median(par.map((m) => m.cpuMs)) };
      const wall = (xs: Batch[]) => med(xs, (b) => b.ms);
      const row = (label: string, xs: Batch[]): string[] => {
        if (!xs.length) return [label, '–', '–', '–', '–', '–', '–', '–', '–'];
        const ms = wall(xs), cpuMs = med(xs, (b) => b.cpuMs), main = med(xs, (b) => b.mainCpuMs ?? NaN), idle = med(xs, (b) => b.idleMs ?? NaN);
        return [label, both(ms, cpuMs), f0(main), f0(idle), ratio(ms, p1.ms), ratio(cpuMs, p1.cpuMs), ratio(ms, p2.ms), (xs[0].pages / (ms / 1000)).toFixed(1), f0(Math.max(...xs.map((b) => b.peakRssMb)))];
      };
      console.log(`\n4. real scanned pages at scale: ${N} page files (the ${readdirSync(SHARED).filter((f) => f.endsWith('.pdf')).length} LoC pages cycled, each copy distinct, its ALTO and METS beside it) in ONE import call, workers up;`);
      console.log(`   median of ${RUNS} runs (1-min load average at each run: ${loads.join(', ')}); ms (CPU ms, every thread)`);
      console.log(`   pdftotext over the same files, one after another: ${both(p1.ms, p1.cpuMs)} ms   ← the goal's yardstick: ingest ≤ 2× this`);
      console.log(`   pdftotext, two processes side by side (for comparison with 2 workers on 2 cores): ${both(p2.ms, p2.cpuMs)} ms`);
      table(
        ['', 'import wall (CPU)', 'main thread CPU', 'workers idle between files', 'wall × pdftotext', 'CPU × pdftotext', 'wall × 2 pdftotexts', 'pages/s', 'peak RSS MB'],
        [...(BASE ? [row('before, 1 worker', runs.before1), row('before, 2 workers', runs.before)] : []), row('after, 2 workers, no file read ahead', runs.noAhead), row('after, 1 worker', runs.after1), row('after, 2 workers', runs.after2)],
      );
      console.log('   workers idle between files: ms the workers waited, summed, from finishing a file to being handed the next (– : the older checkout does not count it)');
      // The same batch again in each process, the workers warm from the first pass: each worker's JIT warms up on its
      // own over tens of scan pages (bench/ingest-threads.ts: CPU per file fell ~330 → ~180 ms from the first 18 files
      // to files 54-72 of one import, loaded machine), so 2 workers pay the warm-up twice on a short batch.
      const warmOf = (xs: Batch[]): Batch[] => xs.filter((b) => b.warm).map((b) => ({ ...b, ...b.warm! }));
      console.log(`\n   the same ${N} files imported again in each process (a second pass into a fresh library: the workers warm from the first, as a long-lived app's are):`);
      table(
        ['', 'import wall (CPU)', 'main thread CPU', 'workers idle between files', 'wall × pdftotext', 'CPU × pdftotext', 'wall × 2 pdftotexts', 'pages/s', 'peak RSS MB'],
        [
          ...(BASE ? [row('before, 1 worker, warm pool', warmOf(runs.before1)), row('before, 2 workers, warm pool', warmOf(runs.before))] : []),
          row('after, 1 worker, warm pool', warmOf(runs.after1)),
          row('after, 2 workers, warm pool', warmOf(runs.after2)),
        ],
      );
      const cpuOf = (xs: Batch[]) => med(xs, (b) => b.cpuMs);
      console.log('\n   1 → 2 workers (median of runs; speed-up: wall of 1 worker over wall of 2; CPU: 2 workers\' CPU over 1 worker\'s for the same pages):');
      table(
        ['', 'cold pool: speed-up', 'cold pool: CPU 2/1', 'warm pool: speed-up', 'warm pool: CPU 2/1'],
        [
          ...(BASE ? [['before', ratio(wall(runs.before1), wall(runs.before)), ratio(cpuOf(runs.before), cpuOf(runs.before1)), ratio(wall(warmOf(runs.before1)), wall(warmOf(runs.before))), ratio(cpuOf(warmOf(runs.before)), cpuOf(warmOf(runs.before1)))]] : []),
          ['after', ratio(wall(runs.after1), wall(runs.after2)), ratio(cpuOf(runs.after2), cpuOf(runs.after1)), ratio(wall(warmOf(runs.after1)), wall(warmOf(runs.after2))), ratio(cpuOf(warmOf(runs.after2)), cpuOf(warmOf(runs.after1)))],
        ],
      );
      console.log(`   (goal: speed-up > 1×, ≤ 2× on 2 cores; other helpers' load lowers it)`);
      console.log(
        `   peak RSS, 2 workers: ${N} pages ${f0(med(runs.after2, (b) => b.peakRssMb))} MB, ${2 * N} pages ${f0(after2N.peakRssMb)} MB after` +
          (before2N ? `; before ${f0(med(runs.before, (b) => b.peakRssMb))} → ${f0(before2N.peakRssMb)} MB` : '') +
          ` (goal: the same at N and 2N, ≤ ${GOAL_RSS_MB} MB); ${2 * N} pages took ${both(after2N.ms, after2N.cpuMs)} ms after`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

console.log(`load average at the end: ${loadavg().map((n) => n.toFixed(1)).join(' ')} (at the start: ${LOAD_AT_START})`);
