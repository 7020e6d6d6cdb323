/**
 * npx node bench/classify-split-lines.ts [--crops DIR] [--per-class N] [PDF…]
 *
 * For every ALTO line of 4+ words that the layout derived from the PDF alone
 * does not keep in one block (the issue 14 measure, core/layout/line-cohesion.ts),
 * the reason (bench/split-line-classes.ts): the reference reads a word of the
 * neighbouring column into it (found from the ALTO alone), a table row, display
 * type, OCR specks only, or a body line our layout split. Prints the counts per
 * page and the measure raw and with the reference corrected at the gutter.
 *
 * --crops DIR renders N lines of each class per page (default 6, spread over
 * the page) with pdftoppm: the scan at 216 dpi around the line, the line's
 * words outlined (orange: words the reference cut off the neighbouring
 * column's line; blue: words that landed in another block than most of the
 * line; red: the rest) and the cleaned blocks' boxes in green, so the class
 * can be checked by eye.
 *
 * Default pages: the LoC scans in ../shared/pdfs/loc with an ALTO beside them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { cleanPdfPage } from '../core/cleaning/pdf-page.ts';
import { parseAlto } from '../core/layout/alto.ts';
import { formatCohesion, lineCohesion } from '../core/layout/line-cohesion.ts';
import type { Rect } from '../core/page-model.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { CLASS_LABELS, classifySplitLines, gutterCrossing, withoutGutterWords, type SplitClass } from './split-line-classes.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { crops: { type: 'string' }, 'per-class': { type: 'string', default: '6' } },
});
const ROOT = join(import.meta.dirname, '..');
const LOC = join(sharedDir(ROOT), 'pdfs/loc');
const files = positionals.length
  ? positionals
  : existsSync(LOC)
    ? readdirSync(LOC)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((f) => join(LOC, f))
    : [];
if (!files.length) console.log(`note: ${LOC} is absent and no PDF was named: nothing to classify`);
const perClass = Number(values['per-class']);
const SCALE = 3;
const MARGIN = 30;

for (const file of files) {
  const altoFile = file.replace(/\.pdf$/, '.alto.xml');
  if (!existsSync(altoFile)) {
    console.log(`${basename(file)}: no ALTO beside it, skipped`);
    continue;
  }
  const [page] = await extractAll(new Uint8Array(readFileSync(file)), { skipImages: true });
  const blocks = cleanPdfPage(page).blocks;
  const alto = parseAlto(readFileSync(altoFile, 'utf8'), page.width, page.height);
  const c = lineCohesion(blocks, alto, page.items);
  const crossing = gutterCrossing(alto);
  const corrected = lineCohesion(blocks, withoutGutterWords(alto, crossing), page.items);
  const classes = classifySplitLines(c.split, alto);
  console.log(`${basename(file)}:`);
  console.log(`  raw:                                  ${formatCohesion(c)}`);
  console.log(`  reference corrected at the gutter:   ${formatCohesion(corrected)}`);
  console.log(`    (${crossing.size} ALTO lines hold words cut off the neighbouring column's line; lines left with < 4 words drop out)`);
  console.log(`  the ${c.split.length} split lines by class:`);
  for (const cls of Object.keys(CLASS_LABELS) as SplitClass[])
    console.log(`    ${cls.padEnd(8)}${String(classes.filter((x) => x.cls === cls).length).padStart(4)}  ${CLASS_LABELS[cls]}`);
  if (!values.crops) continue;
  const dir = join(values.crops, basename(file, '.pdf'));
  mkdirSync(dir, { recursive: true });
  for (const cls of Object.keys(CLASS_LABELS) as SplitClass[]) {
    const of = classes.filter((x) => x.cls === cls);
    const step = Math.max(1, Math.floor(of.length / perClass));
    for (let k = 0; k < of.length && k / step < perClass; k += step) {
      const { line, words, hits } = of[k];
      const x0 = Math.max(0, line.rect[0] - MARGIN);
      const y0 = Math.max(0, line.rect[1] - MARGIN);
      const x1 = Math.min(page.width, line.rect[2] + MARGIN);
      const y1 = Math.min(page.height, line.rect[3] + MARGIN);
      const [W, H] = [Math.round((x1 - x0) * SCALE), Math.round((y1 - y0) * SCALE)];
      const base = join(dir, `${cls}-${k}`);
      execFileSync('pdftoppm', ['-r', String(72 * SCALE), '-x', String(Math.round(x0 * SCALE)), '-y', String(Math.round(y0 * SCALE)), '-W', String(W), '-H', String(H), '-png', '-singlefile', file, base]);
      const box = (r: Rect, stroke: string, fill = 'none') =>
        `<rect x="${(r[0] - x0) * SCALE}" y="${(r[1] - y0) * SCALE}" width="${(r[2] - r[0]) * SCALE}" height="${(r[3] - r[1]) * SCALE}" fill="${fill}" fill-opacity="0.3" stroke="${stroke}" stroke-width="2"/>`;
      const counts = new Map<number, number>();
      for (const h of hits) counts.set(h, (counts.get(h) ?? 0) + 1);
      const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">`;
      for (const b of blocks) for (const r of b.rects) if (r[2] > x0 && r[0] < x1 && r[3] > y0 && r[1] < y1) svg += box(r, '#0a0');
      const cut = crossing.get(line) ?? [];
      for (const w of line.words) {
        const k2 = words.indexOf(w);
        svg += cut.includes(w) ? box(w.rect, '#f80', '#f80') : k2 >= 0 && hits[k2] !== main ? box(w.rect, '#00f', '#00f') : box(w.rect, '#f00');
      }
      svg += '</svg>';
      await sharp(`${base}.png`).composite([{ input: Buffer.from(svg) }]).toFile(`${base}.overlay.png`);
      rmSync(`${base}.png`);
    }
  }
  console.log(`  crops: ${dir}/<class>-<n>.overlay.png`);
}
