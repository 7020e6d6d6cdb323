import fs from 'node:fs';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { cleanPageWithAlto } from '../core/cleaning/clean-page.ts';
const base = `/work/shared/pdfs/loc/${process.argv[2]}`;
const [page] = await extractAll(new Uint8Array(fs.readFileSync(base + '.pdf')));
const c = cleanPageWithAlto(page, fs.readFileSync(base + '.alto.xml', 'utf8'));
for (const b of c.blocks.slice(+process.argv[3], +process.argv[4])) console.log(b.id, b.kind, JSON.stringify(b.text));
console.log(c.photos.length, 'photos');
