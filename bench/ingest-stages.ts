/**
 * Where one file's ingest CPU goes, stage by stage, on this thread (no pool):
 *   node bench/ingest-stages.ts FILE... [--runs N]
 * pdf-lib placements, extraction (pdf.js open, getPage, the text layer, our
 * raw items; extractAllPdfjs: the same with pdf.js reading every page's text),
 * cleaning, page view encoding, JSON for SQLite. `json` and `view` are what
 * an extraction worker does for the library (ProcessedPage.toWire): the raw
 * and cleaned models, and the page view, as the UTF-8 JSON it stores.
 * Prints the first run (cold: nothing compiled yet, as a worker's first
 * file) and the median of the others (warm: every further file of a batch).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanPage } from '../core/cleaning/clean-page.ts';
import { encodePageView } from '../core/page-view/page-view-codec.ts';
import { extractPages } from '../src-main/extract/extract-pdf.ts';
import { openPlacementReader } from '../src-main/extract/image-placements.ts';
import { cpuMs, median } from './support/stats.ts';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, allowPositionals: true });
function timed<T>(f: () => T): [T, number] {
  const c = cpuMs();
  const r = f();
  return [r, cpuMs() - c];
}
async function timedA<T>(f: () => Promise<T>): Promise<[T, number]> {
  const c = cpuMs();
  const r = await f();
  return [r, cpuMs() - c];
}
const utf8 = new TextEncoder();
for (const file of positionals) {
  const bytes = readFileSync(file);
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const t: Record<string, number> = {};
    [, t.placements] = await timedA(() => openPlacementReader(new Uint8Array(bytes)));
    const c0 = cpuMs();
    let clean = 0, view = 0, json = 0;
    for await (const raw of extractPages(new Uint8Array(bytes))) {
      const [cleaned, cleanMs] = timed(() => cleanPage(raw));
      clean += cleanMs;
      json += timed(() => utf8.encode(JSON.stringify(raw)).length + utf8.encode(JSON.stringify(cleaned)).length)[1];
      view += timed(() => utf8.encode(JSON.stringify(encodePageView({ ...raw, ...cleaned }))).length)[1];
    }
    t.extractAll = cpuMs() - c0 - clean - json - view;
    // The same extraction with pdf.js reading every page's text (the fast OCR-layer reader off): what it saves.
    [, t.extractAllPdfjs] = await timedA(async () => {
      for await (const raw of extractPages(new Uint8Array(bytes), { textReader: 'pdfjs' })) void raw;
    });
    t.clean = clean;
    t.json = json;
    t.view = view;
    runs.push(t);
  }
  const round = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
  const warm = runs.slice(1);
  console.log(basename(file), 'cold', JSON.stringify(round(runs[0])));
  if (warm.length) console.log(basename(file), `warm (median of ${warm.length})`, JSON.stringify(round(Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(warm.map((t) => t[k]))])))));
}
