import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanPdfPage } from '../../core/cleaning/pdf-page.ts';
import { provenanceProblems } from '../../core/layout/synthetic-page.ts';
import { extractAll } from './extract-pdf.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const locDir = path.resolve(repoRoot, '../shared/pdfs/loc');
const files = fs.existsSync(locDir) ? fs.readdirSync(locDir).filter((f) => f.endsWith('.pdf')) : [];
if (!files.length) console.log(`skipping clean-real-pages: no PDFs in ${locDir}`);

/**
 * Pairs of blocks read in the wrong order: B read after A although B lies
 * entirely to A's left at the same height.
 */
function backwardsPairs(rects: Array<[number, number, number, number]>): number {
  let n = 0;
  for (let a = 0; a < rects.length; a++)
    for (let b = a + 1; b < rects.length; b++) {
      const A = rects[a];
      const B = rects[b];
      if (B[2] <= A[0] && Math.min(A[3], B[3]) - Math.max(A[1], B[1]) > 2) n++;
    }
  return n;
}

describe.skipIf(!files.length)('cleaning the Library of Congress scans (OCR text layer)', () => {
  for (const f of files) {
    it(f, async () => {
      const [page] = await extractAll(new Uint8Array(fs.readFileSync(path.join(locDir, f))), { skipImages: true });
      const t0 = performance.now();
      const cleaned = cleanPdfPage(page);
      const ms = performance.now() - t0;

      // The OCR layer is drawn once: nothing may be removed as an overprint.
      expect(cleaned.edits.filter((e) => e.reason === 'overprint')).toEqual([]);
      expect(provenanceProblems(page, cleaned)).toEqual([]);

      // Every raw word survives; a word hyphenated at a line end may appear rejoined.
      const tokens = new Set(cleaned.blocks.flatMap((b) => b.text.split(/\s+/)));
      const text = cleaned.blocks.map((b) => b.text).join('\n');
      const words = page.items.flatMap((it) => it.str.split(/\s+/)).filter(Boolean);
      const missing = words.filter((w) => !tokens.has(w) && !text.includes(w.replace(/[-\u00AD\u2010]$/, '')));
      expect(missing).toEqual([]);

      // Reading order follows columns: count right-to-left jumps at the same height.
      const rects = cleaned.blocks.map((b) => b.rects[0]);
      const backwards = backwardsPairs(rects);
      const pairs = (rects.length * (rects.length - 1)) / 2;
      console.log(`${f}: ${words.length} words, ${cleaned.blocks.length} blocks, ${ms.toFixed(0)} ms, backwards pairs ${backwards} of ${pairs}`);
      expect(backwards / pairs).toBeLessThan(0.005);
    });
  }
});
