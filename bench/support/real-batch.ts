/**
 * A batch of real scanned pages at any size, made from the three Library of
 * Congress pages in ../shared/pdfs/loc: copy k of a page goes into its own
 * folder under its own name (c001/evening-star-1918-09-01-p1.pdf, with its
 * .alto.xml and .mets.xml beside it), so the import finds the ALTO and the
 * METS exactly as it does for the originals (alto-sidecar.ts, ndnp/batch-plan.ts
 * planBesidePdf go by the name) and guesses the same metadata from the name.
 * Each PDF copy ends with a PDF comment naming the copy after %%EOF, so the
 * library's fixity (sha256) sees distinct files and imports every one
 * rather than reporting duplicates; a PDF reader ignores it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The PDFs of `count` page files made in `dir` from the pages in `source`, cycling over them; in import order. */
export function makeRealBatch(source: string, dir: string, count: number): string[] {
  const pdfs = readdirSync(source).filter((f) => f.endsWith('.pdf')).sort();
  if (!pdfs.length) throw new Error(`no PDF in ${source}`);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const name = pdfs[k % pdfs.length];
    const stem = name.replace(/\.pdf$/, '');
    const folder = join(dir, `c${String(k + 1).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    const pdf = join(folder, name);
    if (!existsSync(pdf)) {
      const bytes = readFileSync(join(source, name));
      writeFileSync(pdf, Buffer.concat([bytes, Buffer.from(`\n% broadsheet bench copy ${k + 1}\n`)]));
      for (const side of ['.alto.xml', '.mets.xml']) {
        if (existsSync(join(source, stem + side))) copyFileSync(join(source, stem + side), join(folder, stem + side));
      }
    }
    out.push(pdf);
  }
  return out;
}
