/**
 * Where one file's ingest CPU goes, stage by stage, on this thread (no pool):
 *   node bench/ingest-stages.ts FILE... [--runs N]
 * pdf-lib placements, extraction (pdf.js open, getPage, the text layer, our
 * raw items; extractAllPdfjs: the same with pdf.js reading every page's text),
 * cleaning, page view encoding, JSON for SQLite.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanPage } from '../core/cleaning/clean-page.ts';
import { encodePageView } from '../core/page-view/page-view-codec.ts';
import { extractPages } from '../src-main/extract/extract-pdf.ts';
import { openPlacementReader } from '../src-main/extract/image-placements.ts';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, allowPositionals: true });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed<T>(f: () => T): [T, number] {
  const c = cpu();
  const r = f();
  return [r, cpu() - c];
}
async function timedA<T>(f: () => Promise<T>): Promise<[T, number]> {
  const c = cpu();
  const r = await f();
  return [r, cpu() - c];
}
for (const file of positionals) {
  const bytes = readFileSync(file);
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const t: Record<string, number> = {};
    [, t.placements] = await timedA(() => openPlacementReader(new Uint8Array(bytes)));
    const c0 = cpu();
    let clean = 0, view = 0, json = 0;
    for await (const raw of extractPages(new Uint8Array(bytes))) {
      const [cleaned, cleanMs] = timed(() => cleanPage(raw));
      clean += cleanMs;
      [, json] = timed(() => JSON.stringify(raw).length + JSON.stringify(cleaned).length);
      [, view] = timed(() => JSON.stringify(encodePageView({ ...raw, ...cleaned })));
    }
    t.extractAll = cpu() - c0 - clean - json - view;
    // The same extraction with pdf.js reading every page's text (the fast OCR-layer reader off): what it saves.
    [, t.extractAllPdfjs] = await timedA(async () => {
      for await (const raw of extractPages(new Uint8Array(bytes), { textReader: 'pdfjs' })) void raw;
    });
    t.clean = clean;
    t.json = json;
    t.view = view;
    runs.push(t);
  }
  console.log(basename(file), JSON.stringify(runs.at(-1)));
}
