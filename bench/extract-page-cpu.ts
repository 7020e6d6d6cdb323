/**
 * CPU and garbage collection per scan page on an extraction worker's path,
 * on this thread: what extract-worker.ts does for each page of an import
 * (extractPages, cleanPageWithAlto, ProcessedPage.toWire), timed stage by
 * stage with process.threadCpuUsage, and V8's collections counted and summed
 * (PerformanceObserver 'gc'), on a worker thread with the pool's resource
 * limits.
 *
 *   npx node bench/extract-page-cpu.ts [--baseline DIR] [--rounds 5] [--profile] FILE.pdf...
 *
 * Default files: the three LoC scans (../shared/pdfs/loc), each with its ALTO.
 * With --baseline DIR (another checkout, e.g. a worktree of main with
 * node_modules linked), each round runs the same files in a fresh process of
 * DIR's code and of this checkout's, alternately, and prints the median per
 * page of both side by side. The first file of each process is its warm-up
 * (compilation, pdf.js loaded) and is not counted. Wall time is printed but
 * means little on a shared machine; compare CPU.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { cpuMs, loadAverage, median, threadCpuMs } from './support/stats.ts';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    child: { type: 'string' },
    repeat: { type: 'string', default: '2' },
  },
  allowPositionals: true,
});

type Stats = Record<string, number>;

function defaultFiles(): string[] {
  const loc = path.resolve(here, '../shared/pdfs/loc');
  if (!existsSync(loc)) {
    console.log(`(LoC pages absent: ${loc}; pass PDF files)`);
    process.exit(0);
  }
  return readdirSync(loc).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(loc, f));
}

// This thread's CPU (threadCpuMs: the run happens on a worker thread, as an import's does), and the whole process's
// (cpuMs: V8's compiler and GC helper threads work for this thread too).

/** One process's run over the files (the first pass is warm-up): per-page sums of each stage. */
async function child(root: string, files: string[], repeat: number): Promise<Stats> {
  // Cold: from the imports to the first file's last page (module compilation, pdf.js and what it loads), as a fresh worker's first job.
  const cold0 = threadCpuMs(), coldProc0 = cpuMs();
  const imp = (p: string) => import(pathToFileURL(path.join(root, p)).href);
  const { extractPages } = await imp('src-main/extract/extract-pdf.ts');
  const { cleanPageWithAlto, cleanPage } = await imp('core/cleaning/clean-page.ts');
  const { ProcessedPage } = await imp('src-main/extract/processed-page.ts');
  let gcMs = 0, gcCount = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const total: Stats = { pages: 0, extract: 0, clean: 0, toWire: 0, cpu: 0, procCpu: 0, wall: 0, gcMs: 0, gcCount: 0, coldCpu: 0, coldProcCpu: 0 };
  for (let pass = 0; pass <= repeat; pass++) {
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const altoFile = file.replace(/\.pdf$/, '.alto.xml');
      const alto = existsSync(altoFile) ? readFileSync(altoFile, 'utf8') : undefined;
      // Settle: collections owed to the previous file are not this one's.
      await new Promise((r) => setTimeout(r, 20));
      const gc0 = gcMs, n0 = gcCount;
      const s: Stats = { pages: 0, extract: 0, clean: 0, toWire: 0 };
      const c0 = threadCpuMs(), p0 = cpuMs(), w0 = performance.now();
      let t = threadCpuMs();
      for await (const page of extractPages(bytes, {})) {
        const t1 = threadCpuMs();
        s.extract += t1 - t;
        const cleaned = alto ? cleanPageWithAlto(page, alto) : cleanPage(page);
        const t2 = threadCpuMs();
        s.clean += t2 - t1;
        ProcessedPage.toWire(page, cleaned);
        t = threadCpuMs();
        s.toWire += t - t2;
        s.pages++;
      }
      s.cpu = threadCpuMs() - c0;
      s.procCpu = cpuMs() - p0;
      s.wall = performance.now() - w0;
      await new Promise((r) => setTimeout(r, 20)); // the observer reports asynchronously
      s.gcMs = gcMs - gc0;
      s.gcCount = gcCount - n0;
      if (pass === 0) {
        if (file === files[0]) {
          total.coldCpu = threadCpuMs() - cold0;
          total.coldProcCpu = cpuMs() - coldProc0;
        }
        continue;
      }
      for (const k of Object.keys(total)) total[k] += s[k] ?? 0;
    }
  }
  obs.disconnect();
  return total;
}

if (!isMainThread) {
  const { root, files, repeat } = workerData as { root: string; files: string[]; repeat: number };
  parentPort!.postMessage(await child(root, files, repeat));
  process.exit(0);
}

if (values.child) {
  // On a worker thread with the young generation extract-pool.ts gives its workers (8 MB): it sets how often V8 scavenges.
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { root: process.env.BENCH_ROOT ?? here, files: JSON.parse(values.child) as string[], repeat: Number(values.repeat) },
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const stats = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  console.log(JSON.stringify(stats));
  process.exit(0);
}

const files = positionals.length ? positionals.map((f) => path.resolve(f)) : defaultFiles();
const rounds = Number(values.rounds);
const trees: Array<[string, string]> = values.baseline ? [['baseline', path.resolve(values.baseline)], ['this', here]] : [['this', here]];
const runs = new Map<string, Stats[]>(trees.map(([k]) => [k, []]));
console.log(`files: ${files.map((f) => path.basename(f)).join(', ')} (+ALTO where beside); ${rounds} rounds × ${values.repeat} passes per process; load average before: ${loadAverage(2)}`);
for (let r = 0; r < rounds; r++) {
  for (const [label, root] of r % 2 ? [...trees].reverse() : trees) {
    const out = execFileSync(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--child', JSON.stringify(files), '--repeat', values.repeat!], {
      env: { ...process.env, BENCH_ROOT: root },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const s = JSON.parse(out.trim().split('\n').at(-1)!) as Stats;
    runs.get(label)!.push(s);
  }
}
const keys = ['cpu', 'extract', 'clean', 'toWire', 'procCpu', 'gcCount', 'gcMs', 'wall'];
const perPage = (s: Stats) => Object.fromEntries(keys.map((k) => [k, s[k] / s.pages]));
const table: Record<string, Record<string, string>> = {};
for (const [label] of trees) {
  const pp = runs.get(label)!.map(perPage);
  table[label] = Object.fromEntries(keys.map((k) => [`${k}/page`, median(pp.map((p) => p[k])).toFixed(k === 'gcCount' ? 2 : 1)]));
  table[label]['cold first file cpu'] = median(runs.get(label)!.map((s) => s.coldCpu)).toFixed(0);
  table[label]['cold procCpu'] = median(runs.get(label)!.map((s) => s.coldProcCpu)).toFixed(0);
}
console.log(
  'median per page over rounds, ms. cpu: the worker thread\'s CPU (extract, clean, toWire: its stages); procCpu: the whole process\'s (V8\'s compiler and GC helper threads too);',
);
console.log('gcCount: V8 collections (mostly scavenges); gcMs and wall: elapsed time, noise on a shared machine. cold: a fresh worker\'s imports and first file, whole.');
console.table(table);
console.log(`load average after: ${loadAverage(2)}`);
