import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPageWithAlto } from '../../core/cleaning/clean-page.ts';
import { cleanPdfPage } from '../../core/cleaning/pdf-page.ts';
import { parseAlto } from '../../core/layout/alto.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';

/**
 * Where the LoC PDFs' OCR layer drew two words with no space between them
 * ("FOEMUSTEVACUATEPERONNE;" on the 1918 front page), the ALTO beside the scan
 * has them as separate Strings: cleaned with its ALTO, the page reads them
 * apart. Checked against the ALTO itself (a reference we did not write): no
 * two Strings of one line may read run together. Before: 14, 18 and 7 pairs
 * on the 1859, 1870 and 1918 pages.
 */
const pages = realScannedPages().filter((p) => p.alto);
if (!pages.length) console.log('no LoC page with its ALTO (../shared/pdfs/loc absent): the ALTO word-space check does not run');

describe.skipIf(!pages.length)('words the ALTO has apart read apart', () => {
  for (const { name, pdf, alto } of pages) {
    it(name, async () => {
      const [page] = await extractAll(new Uint8Array(fs.readFileSync(pdf)), { skipImages: true });
      const xml = fs.readFileSync(alto!, 'utf8');
      const cleaned = cleanPageWithAlto(page, xml);
      expect(cleaned.layout).toBe('alto');
      const text = cleaned.blocks.map((b) => b.text).join('\n');
      const runTogether: string[] = [];
      for (const block of parseAlto(xml, page.width, page.height).blocks)
        for (const line of block.lines)
          for (let k = 1; k < line.words.length; k++) {
            const [a, b] = [line.words[k - 1].text, line.words[k].text];
            if (a.length >= 2 && b.length >= 2 && text.includes(a + b) && !text.includes(`${a} ${b}`)) runTogether.push(`${a}|${b}`);
          }
      expect(runTogether).toEqual([]);
      if (name === 'evening-star-1918-09-01-p1.pdf') {
        expect(text).toContain('FOE MUST EVACUATE PERONNE;');
        expect(text).toContain('PRIMARIES SHOW');
        // One String in the ALTO ("701?No."): nothing says where a space would go, the PDF's text stands.
        expect(text).toContain('No. 701.No. 27,158.');
        // Without the ALTO the PDF's own text reads as before.
        expect(cleanPdfPage(page).blocks.map((b) => b.text).join('\n')).toContain('FOEMUSTEVACUATEPERONNE;');
      }
    }, 60_000);
  }
});
