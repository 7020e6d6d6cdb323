/**
 * node bench/clean.bench.ts — time cleanPage alone (geometry cleaning: overprints,
 * lines, blocks, reading order, joining) on the fixture PDFs and the real
 * Library of Congress scans. Each page is extracted once; cleanPage is then
 * run warm and the median wall time of 5 runs is printed per file, with the
 * mean CPU time beside it (the machine is shared). Goal: well under
 * 100 ms per LoC page.
 *
 * Pages with an ALTO file beside them (`<name>.alto.xml`) also get their
 * line cohesion printed (core/layout/line-cohesion.ts): ALTO lines of 4+
 * words kept whole in one cleaned block, and words in blocks of ≤ 2 words,
 * with the layout derived from the PDF alone. Goal: ≥ 0.98 and ≤ 1 %.
 * Beside it, never instead of it: the same share against the reference with
 * the words it reads across a column gutter taken out of their lines (a rule
 * that reads the ALTO alone, bench/split-line-classes.ts), and the split
 * lines counted by reason (bench/classify-split-lines.ts renders crops).
 *
 * BENCH_CORE=/path/to/other/core compares another copy of core/ (e.g. an older
 * commit from `git archive`) in the same run, since the machine is shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CleanedPage, RawPage } from '../core/page-model.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { parseAlto } from '../core/layout/alto.ts';
import { formatCohesion, lineCohesion } from '../core/layout/line-cohesion.ts';
import { classifySplitLines, gutterCrossing, withoutGutterWords } from './split-line-classes.ts';
import { cleanPageWithAlto } from '../core/cleaning/clean-page.ts';
import { median, usageMs } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const LOC = join(sharedDir(ROOT), 'pdfs/loc');
const RUNS = 5;
const WARMUP = 2;

type Clean = (page: RawPage) => CleanedPage;
const cleaners: Array<[label: string, clean: Clean]> = [['ms', (await import('../core/cleaning/clean-page.ts')).cleanPage]];
if (process.env.BENCH_CORE) {
  const other = await import(pathToFileURL(join(resolve(process.env.BENCH_CORE), 'cleaning/clean-page.ts')).href);
  cleaners.unshift(['ms (BENCH_CORE)', other.cleanPage as Clean]);
}

const files = ['cjk-overprint.pdf', 'cjk-scanned.pdf', 'latin-columns.pdf'].map((f) => join(ROOT, 'fixtures', 'pdf', f));
if (existsSync(LOC)) files.push(...readdirSync(LOC).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(LOC, f)));
else console.log(`note: ${LOC} is absent; the Library of Congress pages are skipped`);

/** Median wall time and mean CPU time (user + system) per page, in ms: the machine is shared. */
function timeClean(clean: Clean, pages: readonly RawPage[]): [wall: number, cpu: number] {
  const times: number[] = [];
  let cpu = 0;
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const p of pages) clean(p);
    const c = process.cpuUsage(c0);
    if (r >= WARMUP) {
      times.push(performance.now() - t0);
      cpu += usageMs(c);
    }
  }
  return [median(times) / pages.length, cpu / RUNS / pages.length];
}

for (const file of files) {
  const pages = await extractAll(new Uint8Array(readFileSync(file)), { skipImages: true });
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.length, 0), 0);
  const cols = cleaners.map(([label, clean]) => {
    const [wall, cpu] = timeClean(clean, pages);
    return `${wall.toFixed(1)} ${label} (cpu ${cpu.toFixed(1)})`;
  });
  console.log(`${basename(file)}: ${cols.join('  ')} per page (median of ${RUNS}, ${pages.length} page(s), ${chars} raw chars)`);
  const altoFile = file.replace(/\.pdf$/, '.alto.xml');
  if (pages.length === 1 && existsSync(altoFile)) {
    const alto = parseAlto(readFileSync(altoFile, 'utf8'), pages[0].width, pages[0].height);
    for (const [label, clean] of cleaners) {
      const blocks = clean(pages[0]).blocks;
      const c = lineCohesion(blocks, alto, pages[0].items);
      console.log(`  ${label === 'ms' ? 'this core' : 'BENCH_CORE'}: ${formatCohesion(c)}`);
      // Beside the measure, NOT instead of it: the same measure against the reference with the words
      // it reads across a column gutter taken out of their lines (bench/split-line-classes.ts; the rule reads
      // the ALTO alone, never our blocks), and why each line is split (bench/classify-split-lines.ts for crops).
      const crossing = gutterCrossing(alto);
      const d = lineCohesion(blocks, withoutGutterWords(alto, crossing), pages[0].items);
      const classes = classifySplitLines(c.split, alto);
      const count = (cls: string) => classes.filter((x) => x.cls === cls).length;
      console.log(
        `    raw ${c.whole}/${c.lines} (${c.wholeShare.toFixed(3)}) | reference corrected at the gutter (${crossing.size} ALTO lines): ${d.whole}/${d.lines} (${d.wholeShare.toFixed(3)})`,
      );
      console.log(
        `    split lines by class: ${c.split.length} = ${count('gutter')} reference reads across a gutter + ${count('table')} table rows + ` +
          `${count('display')} display type + ${count('speck')} specks only + ${count('ours')} body lines split by the layout`,
      );
    }
    // The same measure with the ALTO as the layout (as import uses it when it comes with the scan).
    const withAlto = cleanPageWithAlto(pages[0], readFileSync(altoFile, 'utf8'));
    const corrected = lineCohesion(withAlto.blocks, withoutGutterWords(alto, gutterCrossing(alto)), pages[0].items);
    console.log(
      `  with its ALTO as layout (${withAlto.layout}): ${formatCohesion(lineCohesion(withAlto.blocks, alto, pages[0].items))}; ` +
        `reference corrected at the gutter: ${corrected.whole}/${corrected.lines} (${corrected.wholeShare.toFixed(3)})`,
    );
  }
}
