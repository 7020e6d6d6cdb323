/**
 * cleanPage alone, repeated, on the Library of Congress scans and the CJK
 * overprint fixture, for profiling and for before/after figures in one run:
 *   npx node [--cpu-prof --cpu-prof-dir=DIR] bench/clean-repeat.ts [--runs N] [--against DIR] [FILE.pdf...]
 *
 * Each page is extracted once (cached with bench/clean-identity.ts's cache), then cleaned `runs` times.
 * --against DIR (a copy of core/ from another commit, see bench/clean-identity.ts) cleans each page with
 * both cores in alternation, so the machine's load falls on both alike, and prints both medians.
 * Figures per page, in ms: median CPU (user + system of the process, the machine is shared), median CPU of
 * the main thread alone (cleaning itself, without V8's compiler and GC helper threads, the steadier figure on a
 * loaded machine) and median wall.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CleanedPage, RawPage } from '../core/page-model.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { cpuMs, loadAverage, median, threadCpuMs } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'clean-identity');
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, against: { type: 'string' }, warmup: { type: 'string', default: '3' } },
  allowPositionals: true,
});

type Clean = (page: RawPage) => CleanedPage;
const load = async (dir: string): Promise<Clean> => (await import(pathToFileURL(join(resolve(dir), 'cleaning/clean-page.ts')).href)).cleanPage;
const cores: Array<[label: string, clean: Clean]> = [['this core', await load(join(ROOT, 'core'))]];
if (values.against) cores.push([`--against ${values.against}`, await load(values.against)]);

const loc = join(sharedDir(ROOT), 'pdfs/loc');
const files = positionals.length ? positionals : [join(ROOT, 'fixtures/pdf/cjk-overprint.pdf')];
if (!positionals.length) {
  if (existsSync(loc)) files.push(...readdirSync(loc).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(loc, f)));
  else console.log(`note: ${loc} is absent; the Library of Congress pages are skipped`);
}

async function pagesOf(file: string): Promise<RawPage[]> {
  const cached = join(CACHE, `${basename(file)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
  const pages = await extractAll(new Uint8Array(readFileSync(file)));
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(pages));
  return pages;
}

const runs = Number(values.runs);
const warmup = Number(values.warmup);
let totals = cores.map(() => 0);
let mainTotals = cores.map(() => 0);
for (const file of files) {
  const pages = await pagesOf(file);
  const cpu = cores.map(() => [] as number[]);
  const main = cores.map(() => [] as number[]);
  const wall = cores.map(() => [] as number[]);
  for (let r = 0; r < warmup + runs; r++) {
    // Each round swaps which core goes first: the garbage one leaves is collected during the other's turn.
    const turn = r % 2 ? [...cores.keys()].reverse() : [...cores.keys()];
    turn.forEach((k) => {
      const clean = cores[k][1];
      const c0 = cpuMs();
      const m0 = threadCpuMs();
      const t0 = performance.now();
      for (const p of pages) clean(p);
      if (r < warmup) return;
      wall[k].push((performance.now() - t0) / pages.length);
      cpu[k].push((cpuMs() - c0) / pages.length);
      main[k].push((threadCpuMs() - m0) / pages.length);
    });
  }
  const cols = cores.map(([label], k) => `${label}: cpu ${median(cpu[k]).toFixed(1)} main ${median(main[k]).toFixed(1)} wall ${median(wall[k]).toFixed(1)}`);
  totals = totals.map((t, k) => t + median(cpu[k]));
  mainTotals = mainTotals.map((t, k) => t + median(main[k]));
  const ratio =
    cores.length > 1
      ? `  (cpu ${(median(cpu[1]) / median(cpu[0])).toFixed(2)}×, main thread ${(median(main[1]) / median(main[0])).toFixed(2)}× faster)`
      : '';
  console.log(`${basename(file)}: ${cols.join(' | ')} ms per page, median of ${runs}${ratio}`);
}
console.log(`sum of medians: ${cores.map(([label], k) => `${label} cpu ${totals[k].toFixed(1)} ms, main thread ${mainTotals[k].toFixed(1)} ms`).join(' | ')}`);
console.log(`load average: ${loadAverage()}`);
