/**
 * Where cleanPage's CPU goes on a page, stage by stage (the order of
 * cleanPdfPage and its pdfLayout), for before/after figures in one run:
 *   npx node bench/clean-stages.ts [--runs N] [--against DIR] [FILE.pdf...]
 *
 * Each stage is timed on its own (CPU, user + system) on the stages before it
 * run afresh, `runs` times; the median per stage is printed. "rest of
 * cleanPdfPage" is the whole cleanPdfPage less the stages timed here
 * (classification, photos, paragraphs, joining, edits). --against DIR (a copy
 * of core/ from another commit, see bench/clean-identity.ts) prints its
 * medians beside, measured in alternation with this core's.
 * Pages come from bench/clean-identity.ts's cache (extracted once).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RawPage } from '../core/page-model.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { cpuMs, median } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, against: { type: 'string' } },
  allowPositionals: true,
});

/** The stage functions of one copy of core/. */
async function loadCore(dir: string) {
  const m = async (p: string) => import(pathToFileURL(join(resolve(dir), p)).href);
  const [glyphs, over, lines, rivers, stream, clip, blocks, slots, inter, order, kinds, pdf] = await Promise.all(
    [
      'layout/glyphs.ts',
      'cleaning/overprint.ts',
      'layout/lines.ts',
      'layout/rivers.ts',
      'layout/stream-links.ts',
      'layout/gutter-clip.ts',
      'layout/blocks.ts',
      'layout/slot-lines.ts',
      'layout/interleaved-blocks.ts',
      'layout/reading-order.ts',
      'layout/block-kinds.ts',
      'cleaning/pdf-page.ts',
    ].map(m),
  );
  /** Runs the stages in cleanPdfPage's order, timing each with `t`. */
  return (page: RawPage, t: <T>(stage: string, f: () => T) => T) => {
    const g = t('buildGlyphs', () => glyphs.buildGlyphs(page));
    const o = t('findOverprints', () => over.findOverprints(page, g));
    const segs = t('buildSegments', () => lines.buildSegments(g, o.removed));
    const pictures = kinds.captionableImages(page.images, page.width, page.height);
    const found = rivers.findRivers(segs);
    const links = t('streamLinks', () => stream.streamLinks(page, g, segs));
    // findRivers builds its grid on the first question, which clipAtGutters asks.
    const cut = t('rivers + clipAtGutters', () => clip.clipAtGutters(segs, found, links));
    const rv = cut ? t('rivers again (after a cut)', () => rivers.findRivers(segs)) : found;
    if (cut) t('rivers again (after a cut)', () => rv.crosses(0, 1, 0, 1));
    const ls = t('buildLines', () => lines.buildLines(g, segs, rv, links));
    const merged = t('mergeJustifiedFragments', () => lines.mergeJustifiedFragments(ls, rv, links));
    const bs = t('buildBlocks', () => blocks.buildBlocks(merged, g));
    const mi = t('mergeInterleaved', () => inter.mergeInterleaved(bs));
    const filled = t('fillSlots', () => slots.fillSlots(mi));
    t('readingOrder', () => order.readingOrder([...filled, ...pictures.map((r: number[]) => ({ x0: r[0], top: r[1], x1: r[2], bottom: r[3] }))]));
    t('cleanPdfPage', () => pdf.cleanPdfPage(page));
  };
}

const cores: Array<[string, Awaited<ReturnType<typeof loadCore>>]> = [['this core', await loadCore(join(ROOT, 'core'))]];
if (values.against) cores.push([`--against`, await loadCore(values.against)]);

const loc = join(sharedDir(ROOT), 'pdfs/loc');
const files = positionals.length ? positionals : [join(ROOT, 'fixtures/pdf/cjk-overprint.pdf')];
if (!positionals.length) {
  if (existsSync(loc)) files.push(...readdirSync(loc).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(loc, f)));
  else console.log(`note: ${loc} is absent; the Library of Congress pages are skipped`);
}
const cached = (file: string) => join(ROOT, '.cache/clean-identity', `${basename(file)}.json`);

const runs = Number(values.runs);

for (const file of files) {
  const pages: RawPage[] = existsSync(cached(file)) ? JSON.parse(readFileSync(cached(file), 'utf8')) : await extractAll(new Uint8Array(readFileSync(file)));
  const page = pages[0];
  const times = cores.map(() => new Map<string, number[]>());
  for (let r = 0; r < runs + 2; r++) {
    const turn = r % 2 ? [...cores.keys()].reverse() : [...cores.keys()];
    for (const k of turn) {
      const round = new Map<string, number>();
      cores[k][1](page, <T>(stage: string, f: () => T): T => {
        const c0 = cpuMs();
        const v = f();
        round.set(stage, (round.get(stage) ?? 0) + cpuMs() - c0);
        return v;
      });
      if (r < 2) continue;
      for (const [stage, ms] of round) times[k].set(stage, [...(times[k].get(stage) ?? []), ms]);
    }
  }
  console.log(`${basename(file)} p1 — median CPU ms of ${runs} runs: ${cores.map(([label]) => label).join(' | ')}`);
  const stages = [...times[0].keys()];
  const total = times.map((t) => median(t.get('cleanPdfPage')!));
  const staged = times.map((t) => stages.filter((s) => s !== 'cleanPdfPage').reduce((n, s) => n + median(t.get(s)!), 0));
  for (const stage of stages.filter((s) => s !== 'cleanPdfPage'))
    console.log(`  ${stage.padEnd(28)} ${times.map((t) => (t.has(stage) ? median(t.get(stage)!).toFixed(2) : '-').padStart(7)).join(' | ')}`);
  console.log(`  ${'rest of cleanPdfPage'.padEnd(28)} ${total.map((t, k) => (t - staged[k]).toFixed(2).padStart(7)).join(' | ')}`);
  console.log(`  ${'cleanPdfPage (whole)'.padEnd(28)} ${total.map((t) => t.toFixed(2).padStart(7)).join(' | ')}`);
}
