import fs from 'node:fs';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { parseAlto } from '../core/layout/alto.ts';
const base = `/work/shared/pdfs/loc/evening-star-1859-02-21-p7`;
const [page] = await extractAll(new Uint8Array(fs.readFileSync(base + '.pdf')), { skipImages: true });
const alto = parseAlto(fs.readFileSync(base + '.alto.xml', 'utf8'), page.width, page.height);
const want = new Set(process.argv.slice(2));
for (const b of alto.blocks) for (const l of b.lines) if (l.words.length >= 4 && want.has(l.words[0].text)) {
  const w = l.words[0];
  console.log('ALTO line', l.words.map(x=>x.text).join(' '), 'first', w.rect.map(v=>v.toFixed(1)), 'second', l.words[1].rect.map(v=>v.toFixed(1)));
  // raw items around y
  const cy = (w.rect[1]+w.rect[3])/2;
  const near = page.items.map((it, i) => ({it, i})).filter(({it}) => it.str.trim() && Math.abs((it.rect[1]+it.rect[3])/2 - cy) < 6 && it.rect[0] > w.rect[0]-60 && it.rect[0] < w.rect[2]+40);
  for (const {it, i} of near) console.log('   item', i, JSON.stringify(it.str), it.rect.map(v=>v.toFixed(1)).join(','), it.eol ? 'EOL' : '');
}
