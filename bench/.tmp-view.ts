import { readFileSync } from 'node:fs';
import { extractPages } from '../src-main/extract/extract-pdf.ts';
import { cleanPage } from '../core/cleaning/clean-page.ts';
import { encodePageView } from '../core/page-view/page-view-codec.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const file of process.argv.slice(2)) {
  const pages = [];
  for await (const p of extractPages(new Uint8Array(readFileSync(file)))) pages.push({ ...p, ...cleanPage(p) });
  const ts = [];
  for (let r = 0; r < 15; r++) { const c = cpu(); for (const m of pages) JSON.stringify(encodePageView(m)); ts.push(cpu() - c); }
  ts.sort((a, b) => a - b);
  console.log(file.split('/').pop(), 'encode+stringify ms min/median', ts[0].toFixed(1), ts[7].toFixed(1));
}
