import fs from 'node:fs';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { cleanPdfPage } from '../core/cleaning/pdf-page.ts';
import { parseAlto } from '../core/layout/alto.ts';
import { lineCohesion } from '../core/layout/line-cohesion.ts';
const name = process.argv[2];
const base = `/work/shared/pdfs/loc/${name}`;
const [page] = await extractAll(new Uint8Array(fs.readFileSync(base + '.pdf')), { skipImages: true });
const xml = fs.readFileSync(base + '.alto.xml', 'utf8'); const cleaned = process.env.ALTO ? cleanPdfPage(page, { alto: parseAlto(xml, page.width, page.height) }) : cleanPdfPage(page);
const alto = parseAlto(fs.readFileSync(base + '.alto.xml', 'utf8'), page.width, page.height);
const c = lineCohesion(cleaned.blocks, alto, page.items);
console.log(c.whole, c.lines, c.tinyWords, c.words);
const cats: Record<string, number> = {};
for (const ex of c.examples) {
  const ws = ex.split(' ').map((w) => { const m = /^(.*)\[(-?\d+)\]$/.exec(w)!; return { t: m[1], b: +m[2] }; });
  const counts = new Map<number, number>();
  for (const w of ws) counts.set(w.b, (counts.get(w.b) ?? 0) + 1);
  const major = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const odd = ws.map((w, i) => [w, i] as const).filter(([w]) => w.b !== major);
  let cat = 'multi';
  if (odd.length === 1 && odd[0][1] === 0) cat = 'first-word-off';
  else if (odd.length === 1 && odd[0][1] === ws.length - 1) cat = 'last-word-off';
  else if (odd.every(([w]) => w.b < 0)) cat = 'unplaced';
  else if (odd.every(([, i]) => i < ws.length / 2) && odd.every(([, i], k) => i === k)) cat = 'prefix-off';
  else if (counts.size === 2) cat = 'two-blocks';
  cats[cat] = (cats[cat] ?? 0) + 1;
  if (process.argv[3] === cat || process.argv[3] === 'all') console.log(cat, '|', ex, '| odd blocks:', [...new Set(odd.map(([w]) => w.b))].map((b) => b >= 0 ? JSON.stringify(cleaned.blocks[b].text.slice(0, 60)) + ' ' + cleaned.blocks[b].kind + ' ' + JSON.stringify(cleaned.blocks[b].rects.map(r=>r.map(Math.round))) : 'none').join(' ; '), JSON.stringify(cleaned.blocks[major]?.rects.map(r=>r.map(Math.round))));
}
console.log(cats);
if (process.argv[3] === 'tiny') for (const b of cleaned.blocks) { const n = b.text.split(/\s+/).filter(Boolean).length; if (n <= 2) console.log('TINY', b.kind, JSON.stringify(b.text), JSON.stringify(b.rects.map(r=>r.map(Math.round)))); }
