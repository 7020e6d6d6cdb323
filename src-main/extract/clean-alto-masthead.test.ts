import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPdfPage } from '../../core/cleaning/pdf-page.ts';
import { parseAlto } from '../../core/layout/alto.ts';
import { provenanceProblems } from '../../test-support/synthetic-page.ts';
import { LOC_DIR } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';

const NAME = 'evening-star-1859-02-21-p7';

/**
 * The 1859 masthead laid out from its ALTO, checked word for word against the
 * ALTO's own lines (TextBlock 1: LINE1 "I", LINE2 "?mttt? Sii", LINE3 "; V01'.
 * XIII. WASHINGTON, …", LINE4 ". ???????"; TextBlock 2: LINE5 "L THE", LINE6
 * "EVEtNIJNG STAR"; the ALTO writes "?" where the text layer has "®", "§" and
 * the dots). The engine boxed the stray "I" inside "STAR" and the title art
 * "®mttt§" over "V01'.": matched by overlap alone they read "STARI" and
 * "V01'. ®mttt§ Sii" (core/layout/alto-layout.ts bestWord).
 */
describe('the 1859 masthead laid out from its ALTO (Library of Congress scan)', () => {
  it('reads each masthead line as the ALTO does, no word moved into another line', async () => {
    const pdf = path.join(LOC_DIR, `${NAME}.pdf`);
    const altoFile = path.join(LOC_DIR, `${NAME}.alto.xml`);
    if (!fs.existsSync(pdf) || !fs.existsSync(altoFile)) return console.log(`${LOC_DIR} has no ${NAME} PDF and ALTO: the masthead against its ALTO is not checked`);
    const [page] = await extractAll(new Uint8Array(fs.readFileSync(pdf)), { skipImages: true });
    const alto = parseAlto(fs.readFileSync(altoFile, 'utf8'), page.width, page.height);
    const cleaned = cleanPdfPage(page, { alto });
    expect(cleaned.layout).toBe('alto');
    expect(cleaned.blocks.slice(0, 6).map((b) => b.text)).toEqual([
      'I',
      '®mttt§ Sii',
      "; V01'. XIII. WASHINGTON, D. C., MONDAY, FEBRUARY 21, 1859. iv\\ lt887.",
      '. .......',
      'L THE',
      'EVEtNIJNG STAR',
    ]);
    expect(provenanceProblems(page, cleaned)).toEqual([]);
  });
});
