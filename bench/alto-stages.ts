/**
 * What laying a scan page out from its ALTO costs in CPU, stage by stage, on
 * the Library of Congress pages (../shared/pdfs/loc), for before/after figures
 * in one run:
 *   npm run bench:alto -- [--runs N] [--against DIR]
 *
 * Stages (each timed alone, CPU user + system, median of `runs`):
 *   parseAltoPage       the ALTO XML (1.1–1.8 MB) into blocks, lines and words
 *   altoIllustrations   the same file's Illustration / GraphicalElement boxes
 *   altoLayout          the PDF's segments put onto the ALTO's words and lines
 *   cleanPageWithAlto   the whole page cleaned with its ALTO (the three above included)
 * --against DIR (a copy of core/ from another commit: `git archive main core | tar -x -C .cache/base`,
 * then DIR=.cache/base/core) prints its medians beside, measured in alternation with this core's.
 * Raw pages come from bench/clean-identity.ts's cache (extracted once).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RawPage } from '../core/page-model.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { cpuMs, loadAverage, median } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, against: { type: 'string' } } });

async function loadCore(dir: string) {
  const m = async (p: string) => import(pathToFileURL(join(resolve(dir), p)).href);
  const [alto, layout, photos, glyphs, over, lines, clean] = await Promise.all(
    ['layout/alto.ts', 'layout/alto-layout.ts', 'photos/alto.ts', 'layout/glyphs.ts', 'cleaning/overprint.ts', 'layout/lines.ts', 'cleaning/clean-page.ts'].map(m),
  );
  return (page: RawPage, xml: string, t: <T>(stage: string, f: () => T) => T) => {
    const parsed = t('parseAltoPage', () => alto.parseAltoPage(xml, 0, page.width, page.height));
    t('altoIllustrations', () => photos.altoIllustrations(xml, (k: number) => (k === 0 ? page : null)));
    // What cleanPdfPage gives altoLayout, made outside the timer.
    const g = glyphs.buildGlyphs(page);
    const segs = lines.buildSegments(g, over.findOverprints(page, g).removed);
    const laid = t('altoLayout', () => layout.altoLayout(g, segs, parsed));
    if (!laid) throw new Error('the ALTO laid out nothing: not the page it belongs to?');
    t('cleanPageWithAlto', () => clean.cleanPageWithAlto(page, xml));
  };
}

const cores: Array<[string, Awaited<ReturnType<typeof loadCore>>]> = [['this core', await loadCore(join(ROOT, 'core'))]];
if (values.against) cores.push(['--against', await loadCore(values.against)]);

const loc = join(sharedDir(ROOT), 'pdfs/loc');
if (!existsSync(loc)) {
  console.log(`note: ${loc} is absent; nothing to measure`);
  process.exit(0);
}
const cached = (file: string) => join(ROOT, '.cache/clean-identity', `${basename(file)}.json`);
const runs = Number(values.runs);
const stages = ['parseAltoPage', 'altoIllustrations', 'altoLayout', 'cleanPageWithAlto'];
const sums = cores.map(() => new Map<string, number>());

console.log(`load average at start: ${loadAverage(2)}`);
for (const f of readdirSync(loc).filter((n) => n.endsWith('.pdf')).sort()) {
  const file = join(loc, f);
  const pages: RawPage[] = existsSync(cached(file)) ? JSON.parse(readFileSync(cached(file), 'utf8')) : await extractAll(new Uint8Array(readFileSync(file)));
  const xml = readFileSync(file.replace(/\.pdf$/, '.alto.xml'), 'utf8');
  const times = cores.map(() => new Map<string, number[]>());
  // Two warm-up rounds, then alternate which core goes first.
  for (let r = 0; r < runs + 2; r++) {
    const turn = r % 2 ? [...cores.keys()].reverse() : [...cores.keys()];
    for (const k of turn) {
      const round = new Map<string, number>();
      cores[k][1](pages[0], xml, <T>(stage: string, fn: () => T): T => {
        const c0 = cpuMs();
        const v = fn();
        round.set(stage, cpuMs() - c0);
        return v;
      });
      if (r < 2) continue;
      for (const [stage, ms] of round) times[k].set(stage, [...(times[k].get(stage) ?? []), ms]);
    }
  }
  console.log(`${f} (${(xml.length / 1e6).toFixed(2)} MB ALTO) — median CPU ms of ${runs} runs: ${cores.map(([label]) => label).join(' | ')}`);
  for (const stage of stages) {
    const ms = times.map((t) => median(t.get(stage)!));
    ms.forEach((v, k) => sums[k].set(stage, (sums[k].get(stage) ?? 0) + v));
    console.log(`  ${stage.padEnd(20)} ${ms.map((v) => v.toFixed(2).padStart(8)).join(' | ')}`);
  }
}
console.log(`sum over the 3 pages (median CPU ms per page, summed): ${cores.map(([label]) => label).join(' | ')}`);
for (const stage of stages) console.log(`  ${stage.padEnd(20)} ${sums.map((s) => s.get(stage)!.toFixed(2).padStart(8)).join(' | ')}`);
const alto = sums.map((s) => s.get('parseAltoPage')! + s.get('altoIllustrations')! + s.get('altoLayout')!);
console.log(`  ${'ALTO total'.padEnd(20)} ${alto.map((v) => v.toFixed(2).padStart(8)).join(' | ')}`);
console.log(`load average at end: ${loadAverage(2)}`);
