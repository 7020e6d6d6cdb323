import fs from 'node:fs';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { cleanPdfPage } from '../core/cleaning/pdf-page.ts';
import { parseAltoPage } from '../core/layout/alto.ts';
const base = `/work/shared/pdfs/loc/evening-star-1859-02-21-p7`;
const [page] = await extractAll(new Uint8Array(fs.readFileSync(base + '.pdf')), { skipImages: true });
const xml = fs.readFileSync(base + '.alto.xml', 'utf8');
let t0 = performance.now();
const alto = parseAltoPage(xml, 0, page.width, page.height)!;
console.log('parse', performance.now() - t0);
for (let r = 0; r < 3; r++) { t0 = performance.now(); cleanPdfPage(page, { alto }); console.log('alto clean', performance.now() - t0); }
for (let r = 0; r < 3; r++) { t0 = performance.now(); cleanPdfPage(page); console.log('pdf clean', performance.now() - t0); }
