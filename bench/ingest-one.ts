/**
 * Ingests one file into a fresh temporary library (extract, clean, store) and
 * prints one JSON line of measurements. Run in its own process so that its
 * peak RSS belongs to this file alone. `--once`: skip the warm second run
 * (long files); `--heap-mb N`: bound each worker's heap; `--index`: keep the
 * search index up to date as the app does (a SearchService open during the
 * import, caught up after it), so the peak counts the indexing too. CPU times are the whole process's, every thread included.
 * `warmViewMs`/`warmViewCpuMs`: after the warm import, making the page views
 * the import left unstored (what the app's background pass does next, so the
 * reader can show the page); 0 when the import stored them itself.
 * `libraryBytes`: library.sqlite on disk after the first import, closed.
 * bench/ingest.bench.ts also runs this very file against an older checkout
 * (the baseline), so it only uses APIs both have.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { importFiles } from '../src-main/library/import-service.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { createProcessor } from '../src-main/library/processor.ts';
import { SearchService } from '../src-main/search/search-service.ts';
import { cpuMs } from './support/stats.ts';

// Page views (the reader's compact page) stored after the import, where an older checkout has them.
const pageViews = await import('../src-main/library/page-views.ts').catch(() => null);
function fillViews(store: LibraryStore, id: string): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (pageViews) {
    const views = new pageViews.PageViews(store);
    for (const n of views.missing(id)) views.fill(id, n);
  }
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu) };
}

const file = process.argv[2];
const once = process.argv.includes('--once');
const index = process.argv.includes('--index');
// --heap-mb N: bound each worker's old generation (ExtractPoolOptions.maxOldGenerationMb); an older checkout ignores it.
const heapAt = process.argv.indexOf('--heap-mb');
const maxOldGenerationMb = heapAt > 0 ? Number(process.argv[heapAt + 1]) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const store = new LibraryStore(dir);
const processor = createProcessor({ maxOldGenerationMb } as Parameters<typeof createProcessor>[0]);
let cpu = process.cpuUsage();
let started = performance.now();
// As the app: its search service is open before the import and catches up after it (library.changed).
const search = index ? new SearchService(store) : null;
const [result] = await importFiles(store, processor, [{ name: basename(file), bytes: readFileSync(file) }]);
search?.catchUpSync();
search?.close();
const ms = performance.now() - started;
const firstCpuMs = cpuMs(cpu);
if (result.status !== 'imported') throw new Error(`${file}: ${result.error ?? result.status}`);
const pages = store.get(result.id!)!.pageCount;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// The same file again into a second library, with the workers already up and pdf.js loaded:
// what each further file of a batch import costs.
let warmMs = NaN;
let warmCpuMs = NaN;
let warmView = { ms: NaN, cpuMs: NaN };
const warmDir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const warmStore = new LibraryStore(warmDir);
if (!once) {
  cpu = process.cpuUsage();
  started = performance.now();
  const [again] = await importFiles(warmStore, processor, [{ name: basename(file), bytes: readFileSync(file) }]);
  warmMs = performance.now() - started;
  warmCpuMs = cpuMs(cpu);
  if (again.status !== 'imported') throw new Error(`${file}: ${again.error ?? again.status}`);
  warmView = fillViews(warmStore, again.id!);
}

await processor.close();
store.close();
warmStore.close();
// The library database's size on disk once closed (its WAL checkpointed): what the pages cost to keep, originals apart.
const libraryBytes = ['library.sqlite', 'library.sqlite-wal'].map((f) => join(dir, f)).reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
rmSync(dir, { recursive: true, force: true });
rmSync(warmDir, { recursive: true, force: true });
console.log(JSON.stringify({ file, pages, ms, cpuMs: firstCpuMs, warmMs, warmCpuMs, warmViewMs: warmView.ms, warmViewCpuMs: warmView.cpuMs, peakRssMb, libraryBytes }));
