import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOverprints } from '../../core/cleaning/overprint.ts';
import { parseAlto, parseAltoPage } from '../../core/layout/alto.ts';
import { marksIllustrations } from '../../core/photos/alto.ts';
import { CellIndex } from '../../core/layout/cell-index.ts';
import { buildGlyphs } from '../../core/layout/glyphs.ts';
import { buildSegments } from '../../core/layout/lines.ts';
import { referenceParseAltoPage } from '../../test-support/reference-alto-parse.ts';
import { referenceGrid } from '../../test-support/reference-cell-grid.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';

// The LoC pages with their ALTO where ../shared exists (realScannedPages prints why not).
const pages = realScannedPages();

describe('reading real ALTO files (Library of Congress, ABBYY)', () => {
  for (const { name: f, alto: altoFile } of pages) {
    it.skipIf(!altoFile)(`${f}: the same blocks, lines and words as the regular-expression reader gave`, () => {
      if (!altoFile) return;
      const xml = fs.readFileSync(altoFile, 'utf8');
      // A PDF page the ALTO fits: its size in 1/1200 inch, in points.
      const size = (name: string) => (Number(new RegExp(`<Page\\b[^>]*\\s${name}="(\\d+)"`).exec(xml)![1]) * 72) / 1200;
      const [w, h] = [size('WIDTH'), size('HEIGHT')];
      const ours = parseAltoPage(xml, 0, w, h);
      expect(ours).toStrictEqual(referenceParseAltoPage(xml, 0, w, h));
      expect(ours!.blocks.flatMap((b) => b.lines.flatMap((l) => l.words)).length).toBeGreaterThan(5000);
      expect(parseAltoPage(xml, 1, w, h)).toBeNull();
      expect(marksIllustrations(xml)).toBe(/<(?:\w+:)?(?:Illustration|GraphicalElement)\b/.test(xml));
    });
  }
});

describe('the ALTO word and line index on real scans (Library of Congress, ABBYY ALTO)', () => {
  for (const { name: f, pdf, alto: altoFile } of pages) {
    it.skipIf(!altoFile)(`${f}: every text-layer segment meets the same ALTO words and lines, in the same order, as with the first grid`, async () => {
      if (!altoFile) return;
      const [page] = await extractAll(new Uint8Array(fs.readFileSync(pdf)), { skipImages: true });
      const alto = parseAlto(fs.readFileSync(altoFile, 'utf8'), page.width, page.height);
      const g = buildGlyphs(page);
      const segs = buildSegments(g, findOverprints(page, g).removed);
      const lines = alto.blocks.flatMap((b) => b.lines);
      const words = lines.flatMap((l) => l.words);
      const [wordIndex, lineIndex] = [new CellIndex(words.map((w) => w.rect)), new CellIndex(lines.map((l) => l.rect))];
      const [wordGrid, lineGrid] = [referenceGrid(words), referenceGrid(lines)];
      const ask = (index: CellIndex, r: number[]) => [...index.found.subarray(0, index.query(r[0], r[1], r[2], r[3]))];
      let differ = 0;
      let met = 0;
      for (const s of segs) {
        // The boxes altoLayout asks about: the segment's (bestWord), and widened by its size (bestLine).
        const box = [s.x0, s.top, s.x1, s.bottom];
        const wide = [s.x0 - s.size, s.top, s.x1 + s.size, s.bottom];
        const ours = ask(wordIndex, box);
        met += ours.length;
        if (ours.join() !== wordGrid(box).map((w) => words.indexOf(w)).join()) differ++;
        if (ask(lineIndex, wide).join() !== lineGrid(wide).map((l) => lines.indexOf(l)).join()) differ++;
      }
      expect(segs.length).toBeGreaterThan(5000);
      expect(met).toBeGreaterThan(segs.length);
      expect(differ).toBe(0);
    });
  }
});
