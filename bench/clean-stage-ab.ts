/**
 * One stage of cleaning, this core against another, on the same input in the
 * same process (alternating, many rounds): the cleaning thread's CPU per call (stages
 * timed in batches of 10 calls: the thread clock ticks in 4 ms steps).
 *   npx node bench/clean-stage-ab.ts --against DIR [--rounds N]
 * Stages: buildGlyphs, buildSegments, joinLines (every block of the page's own
 * layout), and cleanPdfPage whole. Pages from bench/clean-identity.ts's cache.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RawPage } from '../core/page-model.ts';
import { loadAverage, median, threadCpuMs } from './support/stats.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { against: { type: 'string' }, rounds: { type: 'string', default: '30' } } });
if (!values.against) throw new Error('--against DIR is required');

async function loadCore(dir: string) {
  const m = async (p: string) => import(pathToFileURL(join(resolve(dir), p)).href);
  const [glyphs, over, lines, join_, pdf, rivers, stream, blocks] = await Promise.all(
    ['layout/glyphs.ts', 'cleaning/overprint.ts', 'layout/lines.ts', 'layout/join.ts', 'cleaning/pdf-page.ts', 'layout/rivers.ts', 'layout/stream-links.ts', 'layout/blocks.ts'].map(m),
  );
  return { glyphs, over, lines, join: join_, pdf, rivers, stream, blocks };
}
const ours = await loadCore(join(ROOT, 'core'));
const theirs = await loadCore(values.against);
const cores = [ours, theirs] as const;

const rounds = Number(values.rounds);
console.log(`load average at start: ${loadAverage()}`);
for (const name of ['evening-star-1859-02-21-p7.pdf', 'evening-star-1870-03-15-p1.pdf', 'evening-star-1918-09-01-p1.pdf']) {
  const file = join(ROOT, '.cache/clean-identity', `${name}.json`);
  if (!existsSync(file)) continue;
  const page: RawPage = JSON.parse(readFileSync(file, 'utf8'))[0];
  // Shared input, made by the other core.
  const g = theirs.glyphs.buildGlyphs(page);
  const removed = theirs.over.findOverprints(page, g).removed;
  const segs = theirs.lines.buildSegments(g, removed);
  const lines = theirs.lines.buildLines(g, segs, theirs.rivers.findRivers(segs), theirs.stream.streamLinks(page, g, segs));
  const bs = theirs.blocks.buildBlocks(lines, g);
  const stages: Record<string, (c: (typeof cores)[number]) => unknown> = {
    buildGlyphs: (c) => c.glyphs.buildGlyphs(page),
    buildSegments: (c) => c.lines.buildSegments(g, removed),
    joinLines: (c) => {
      const ctx = c.join.makeJoinContext(page, g, removed);
      for (const b of bs) c.join.joinLines(ctx, b.lines);
    },
    cleanPdfPage: (c) => c.pdf.cleanPdfPage(page),
  };
  const cols: string[] = [];
  for (const [stage, run] of Object.entries(stages)) {
    const t = [[], []] as number[][];
    const batch = stage === 'cleanPdfPage' ? 1 : 10;
    for (let r = 0; r < rounds + 5; r++) {
      for (const k of r % 2 ? [1, 0] : [0, 1]) {
        // The thread's CPU clock ticks in 4 ms steps on Linux: time a batch of calls.
        const t0 = threadCpuMs();
        for (let j = 0; j < batch; j++) run(cores[k]);
        if (r >= 5) t[k].push((threadCpuMs() - t0) / batch);
      }
    }
    cols.push(`${stage} ${median(t[0]).toFixed(2)} vs ${median(t[1]).toFixed(2)}`);
  }
  console.log(`${name}: this core vs --against, median main-thread CPU ms of ${rounds}: ${cols.join(' | ')}`);
}
console.log(`load average at end: ${loadAverage()}`);
