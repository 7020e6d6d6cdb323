/**
 * Imports every file given into one fresh library in one call, as
 * `broadsheet import` does, with `--workers N` extraction workers, and prints
 * one JSON line: wall and CPU time (every thread), peak RSS. Used by
 * bench/ingest.bench.ts for the 1-vs-2-worker scaling; an older checkout
 * (the baseline) ignores --workers and uses its own pool size.
 * `viewMs`/`viewCpuMs`: then making the page views the import left unstored
 * (the app's background pass, before the reader can show those pages);
 * `--no-views` leaves that out (NaN); `--read-ahead N`: files read ahead of the workers (processor.ts). `mainCpuMs`: the main thread's own CPU
 * time during the import (the rest is the workers'); `idleMs`: the workers'
 * time between finishing a file and being handed the next (extract-pool.ts); `failed`: the one-line
 * reasons of files that did not import.
 * `--passes 2`: then the same files again, each pass into a fresh library,
 * the process's workers warm from the passes before; `warm` is the last pass
 * (each worker's JIT warms up on its own, over tens of scan pages: the first
 * pass is what a cold pool costs, the last what a long-lived one does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPaths } from '../src-main/library/import-paths.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { createProcessor } from '../src-main/library/processor.ts';

const { values, positionals } = parseArgs({ options: { workers: { type: 'string' }, 'read-ahead': { type: 'string' }, 'no-views': { type: 'boolean' }, passes: { type: 'string', default: '1' } }, allowPositionals: true });
const processor = createProcessor({
  workers: values.workers ? Number(values.workers) : undefined,
  readAhead: values['read-ahead'] ? Number(values['read-ahead']) : undefined,
} as Parameters<typeof createProcessor>[0]);
// Warm up (every worker started, pdf.js loaded) on the first files, so the timing is of the batch alone:
// two files at once start both workers.
const warm = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const warmStore = new LibraryStore(warm);
await importPaths(warmStore, processor, positionals.slice(0, 2));
warmStore.close();
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const store = new LibraryStore(dir);
// process.threadCpuUsage: Node ≥ 23.9; NaN where it is missing.
const threadCpu = () => (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? { user: NaN, system: NaN };
const idleBefore = (processor as { idleMs?: number }).idleMs ?? NaN;
const cpu = process.cpuUsage();
const mainCpu = threadCpu();
const started = performance.now();
const results = await importPaths(store, processor, positionals);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const mainUsed = threadCpu();
// Workers waiting between files for their next one (absent from older checkouts: NaN).
const idleMs = ((processor as { idleMs?: number }).idleMs ?? NaN) - idleBefore;
// Page views (the reader's compact page) stored after the import, where an older checkout has them.
const pageViews = await import('../src-main/library/page-views.ts').catch(() => null);
const viewCpu = process.cpuUsage();
const viewStarted = performance.now();
if (pageViews && !values['no-views']) {
  const views = new pageViews.PageViews(store);
  for (const d of store.list()) for (const n of views.missing(d.id)) views.fill(d.id, n);
}
const viewMs = values['no-views'] ? NaN : performance.now() - viewStarted;
const viewUsed = process.cpuUsage(viewCpu);
// Further passes over the same files, each into a fresh library: the workers warm from the passes before.
let warmPass: { ms: number; cpuMs: number; mainCpuMs: number; idleMs: number } | null = null;
for (let pass = 2; pass <= Number(values.passes); pass++) {
  const passDir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
  const passStore = new LibraryStore(passDir);
  const idle0 = (processor as { idleMs?: number }).idleMs ?? NaN;
  const cpu0 = process.cpuUsage();
  const main0 = threadCpu();
  const t0 = performance.now();
  await importPaths(passStore, processor, positionals);
  const passMs = performance.now() - t0;
  const used1 = process.cpuUsage(cpu0);
  const main1 = threadCpu();
  warmPass = { ms: passMs, cpuMs: (used1.user + used1.system) / 1000, mainCpuMs: (main1.user + main1.system - main0.user - main0.system) / 1000, idleMs: ((processor as { idleMs?: number }).idleMs ?? NaN) - idle0 };
  passStore.close();
  rmSync(passDir, { recursive: true, force: true });
}
const failed = results.filter((r) => r.status === 'failed' || r.status === 'skipped');
const imported = results.filter((r) => r.status === 'imported').length;
const pages = store.list().reduce((n, d) => n + d.pageCount, 0);
await processor.close();
store.close();
rmSync(dir, { recursive: true, force: true });
rmSync(warm, { recursive: true, force: true });
console.log(JSON.stringify({ files: positionals.length, imported, pages, ms, cpuMs: (used.user + used.system) / 1000, idleMs, mainCpuMs: (mainUsed.user + mainUsed.system - mainCpu.user - mainCpu.system) / 1000, viewMs, viewCpuMs: values['no-views'] ? NaN : (viewUsed.user + viewUsed.system) / 1000, failed: failed.map((r) => r.error ?? r.file), ...(warmPass ? { warm: warmPass } : {}), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
