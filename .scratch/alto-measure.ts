import fs from 'node:fs';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { cleanPdfPage } from '../core/cleaning/pdf-page.ts';
import { parseAlto, parseAltoPage } from '../core/layout/alto.ts';
import { lineCohesion, formatCohesion } from '../core/layout/line-cohesion.ts';
import { provenanceProblems } from '../test-support/synthetic-page.ts';
for (const name of ['evening-star-1859-02-21-p7', 'evening-star-1870-03-15-p1', 'evening-star-1918-09-01-p1']) {
  const base = `/work/shared/pdfs/loc/${name}`;
  const [page] = await extractAll(new Uint8Array(fs.readFileSync(base + '.pdf')), { skipImages: true });
  const xml = fs.readFileSync(base + '.alto.xml', 'utf8');
  const alto = parseAltoPage(xml, 0, page.width, page.height)!;
  const t0 = performance.now();
  const c = cleanPdfPage(page, { alto });
  const ms = performance.now() - t0;
  console.log(name, c.layout, ms.toFixed(0) + 'ms', c.blocks.length, 'blocks', formatCohesion(lineCohesion(c.blocks, parseAlto(xml, page.width, page.height), page.items)));
  console.log('  provenance problems', provenanceProblems(page, c).length);
  if (process.argv[2] === name) for (const b of c.blocks.slice(0, +process.argv[3] || 30)) console.log('   ', b.id, b.kind, JSON.stringify(b.text.slice(0, 150)));
}
