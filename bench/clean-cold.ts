/**
 * cleanPage run cold, as an import runs it (a worker cleans a page or two of
 * each file before V8 has optimized anything), on the Library of Congress
 * scans and the CJK overprint fixture:
 *   npx node bench/clean-cold.ts [--runs N] [--against DIR]
 *
 * Each figure is the first cleanPage call in a fresh process (N processes per
 * page and core, median): CPU of the whole process (V8 compiles and collects
 * garbage on helper threads meanwhile), CPU of the main thread alone, and
 * wall time. --against DIR (a copy of core/ from another commit, see
 * bench/clean-identity.ts) runs the same in alternation, so the machine's
 * load falls on both alike. Pages come from bench/clean-identity.ts's cache
 * (run that once first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CleanedPage, RawPage } from '../core/page-model.ts';
import { loadAverage, median, usageMs } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'clean-identity');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, against: { type: 'string' }, child: { type: 'string' }, page: { type: 'string' } },
});

if (values.child) {
  // One cold clean: load, parse, let loading's own background work (the TypeScript stripper's wasm) settle, clean once.
  const { cleanPage } = (await import(pathToFileURL(join(resolve(values.child), 'cleaning/clean-page.ts')).href)) as {
    cleanPage(p: RawPage): CleanedPage;
  };
  const [page] = JSON.parse(readFileSync(values.page!, 'utf8')) as RawPage[];
  await new Promise((r) => setTimeout(r, 400));
  const c0 = process.cpuUsage();
  const m0 = process.threadCpuUsage();
  const t0 = performance.now();
  cleanPage(page);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const m = process.threadCpuUsage(m0);
  console.log(JSON.stringify([usageMs(c), usageMs(m), wall]));
  process.exit(0);
}

const cores: Array<[label: string, dir: string]> = [['this core', join(ROOT, 'core')]];
if (values.against) cores.push([`--against ${values.against}`, resolve(values.against)]);
const pages = ['cjk-overprint.pdf', 'evening-star-1859-02-21-p7.pdf', 'evening-star-1870-03-15-p1.pdf', 'evening-star-1918-09-01-p1.pdf'];
const runs = Number(values.runs);
console.log(`load average at start: ${loadAverage()}`);
for (const name of pages) {
  const file = join(CACHE, `${name}.json`);
  if (!existsSync(file)) {
    console.log(`${name}: not in ${CACHE} (run npm run bench:clean-identity once), skipped`);
    continue;
  }
  const got = cores.map(() => [] as number[][]);
  for (let r = 0; r < runs; r++) {
    for (const k of r % 2 ? [...cores.keys()].reverse() : [...cores.keys()]) {
      const out = execFileSync(process.execPath, [import.meta.filename, '--child', cores[k][1], '--page', file], { encoding: 'utf8' });
      got[k].push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  const cols = cores.map(([label], k) => {
    const at = (i: number) => median(got[k].map((x) => x[i])).toFixed(0);
    return `${label}: cpu ${at(0)} main ${at(1)} wall ${at(2)}`;
  });
  const ratio =
    cores.length > 1
      ? `  (cpu ${(median(got[1].map((x) => x[0])) / median(got[0].map((x) => x[0]))).toFixed(2)}×, main thread ${(median(got[1].map((x) => x[1])) / median(got[0].map((x) => x[1]))).toFixed(2)}× faster)`
      : '';
  console.log(`${name}: ${cols.join(' | ')} ms, first clean in a fresh process, median of ${runs}${ratio}`);
}
console.log(`load average at end: ${loadAverage()}`);
