/**
 * How strong is a true photo link, and how strong is the best wrong one?
 * On the generated photo documents (seed 1 is the committed fixture; more
 * with PHOTO_SEEDS=8-30) every paragraph is scored against each caption
 * (rankParagraphs: no thresholds), then split into the true one (the story's
 * key sentence, on the story's page) and the best of the rest: what the
 * linker would offer as "best" for a picture whose story is not in the
 * document. WEAK_LINK_SCORE (core/photos/link-strength.ts) is set between the
 * two; this test prints both distributions and holds the cut to them.
 */
import { describe, expect, it } from 'vitest';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import { rankParagraphs, type LinkPage } from '../../core/photos/link-photos.ts';
import { WEAK_LINK_SCORE } from '../../core/photos/link-strength.ts';
import { iou } from '../../core/photos/image-photos.ts';
import { generatePhotoPdf } from '../../scripts/fixtures/photo-pdf.ts';
import { extractAll } from './extract-pdf.ts';

const squeeze = (s: string) => s.replace(/\s+/g, '');

async function scoresFor(seed: number): Promise<{ truth: number[]; wrongBest: number[] }> {
  const gen = await generatePhotoPdf(seed);
  const raw = await extractAll(gen.pdf);
  const cleaned = raw.map((r) => cleanPage(r));
  const pages: LinkPage[] = raw.map((r, k) => ({ number: r.number, width: r.width, height: r.height, blocks: cleaned[k].blocks, photos: cleaned[k].photos }));
  const text = new Map(cleaned.flatMap((c) => c.blocks.map((b) => [b.id, squeeze(b.text)])));
  const out = { truth: [] as number[], wrongBest: [] as number[] };
  gen.expected.pages.forEach((page, k) => {
    for (const t of page.photos) {
      const photo = pages[k].photos.find((p) => iou(p.rect, t.rect) >= 0.9);
      if (!photo) continue;
      const ranked = rankParagraphs(pages, photo, page.number);
      const isTrue = (block: string) => block.startsWith(`p${t.storyPage}b`) && (text.get(block) ?? '').includes(t.keySentence);
      out.truth.push(ranked.find((l) => isTrue(l.block))?.score ?? 0);
      out.wrongBest.push(ranked.find((l) => !isTrue(l.block))?.score ?? 0);
    }
  });
  return out;
}

const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3);
  return `n=${s.length} min ${s[0].toFixed(3)} p10 ${q(0.1)} p50 ${q(0.5)} p90 ${q(0.9)} max ${s[s.length - 1].toFixed(3)}`;
};

describe('photo link strength', () => {
  it('measures true links against the best wrong one, and holds WEAK_LINK_SCORE to them', async () => {
    const range = /^(\d+)-(\d+)$/.exec(process.env.PHOTO_SEEDS ?? '');
    const seeds = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, k) => Number(range[1]) + k) : [1, 2, 3, 4, 5, 6, 7];
    const truth: number[] = [];
    const wrongBest: number[] = [];
    for (const seed of seeds) {
      const s = await scoresFor(seed);
      truth.push(...s.truth);
      wrongBest.push(...s.wrongBest);
    }
    console.log(`seeds ${seeds.join(',')}\n  true link:       ${quantiles(truth)}\n  best wrong link: ${quantiles(wrongBest)}`);
    const cuts = Array.from({ length: 21 }, (_, k) => Math.round((0.35 + k * 0.01) * 100) / 100);
    for (const c of cuts) {
      const [tb, wa] = [truth.filter((v) => v < c).length, wrongBest.filter((v) => v >= c).length];
      console.log(`  cut ${c.toFixed(2)}: true below ${tb}/${truth.length}, wrong at or above ${wa}/${wrongBest.length}, errors ${tb + wa}`);
    }
    const wrongBelow = wrongBest.filter((v) => v < WEAK_LINK_SCORE).length / wrongBest.length;
    const trueAbove = truth.filter((v) => v >= WEAK_LINK_SCORE).length / truth.length;
    console.log(`  WEAK_LINK_SCORE ${WEAK_LINK_SCORE}: ${(100 * wrongBelow).toFixed(0)} % of best wrong links called weak, ${(100 * trueAbove).toFixed(0)} % of true links not`);
    if (range) return; // other seeds are measured, not held to the cut chosen on 1–7
    // The cut was chosen on these seeds: nine in ten best wrong links below it, and most true links above.
    expect(wrongBelow).toBeGreaterThanOrEqual(0.9);
    expect(trueAbove).toBeGreaterThanOrEqual(0.8);
  }, 600_000);
});
