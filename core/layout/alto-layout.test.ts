import { describe, expect, it } from 'vitest';
import { cleanPage, cleanPageWithAlto } from '../cleaning/clean-page.ts';
import type { RawItem } from '../page-model.ts';
import { advance, column, item, page, PAGE_H, PAGE_W, provenanceProblems } from '../../test-support/synthetic-page.ts';

/** ALTO units per PDF point: LoC files measure in 1/1200 inch, so not 1. */
const UNIT = 1200 / 72;

/** One ALTO TextBlock per entry, one TextLine per line, one String per space-separated word of the items given. */
function altoXml(blocks: RawItem[][][], size = { w: PAGE_W, h: PAGE_H }): string {
  const u = (v: number) => (v * UNIT).toFixed(0);
  const box = (r: readonly number[]) => `HPOS="${u(r[0])}" VPOS="${u(r[1])}" WIDTH="${u(r[2] - r[0])}" HEIGHT="${u(r[3] - r[1])}"`;
  const strings = (it: RawItem) => {
    let x = it.rect[0];
    return it.str.split(/(\s+)/).map((w) => {
      const r = [x, it.rect[1], x + advance(w, it.size), it.rect[3]];
      x = r[2];
      return /\S/.test(w) ? `<String CONTENT="${w}" ${box(r)}/>` : '';
    });
  };
  const body = blocks
    .map((lines) => `<TextBlock>${lines.map((l) => `<TextLine ${box([l[0].rect[0], l[0].rect[1], l[l.length - 1].rect[2], l[0].rect[3]])}>${l.flatMap(strings).join('')}</TextLine>`).join('')}</TextBlock>`)
    .join('');
  return `<?xml version="1.0"?><alto><Layout><Page WIDTH="${u(size.w)}" HEIGHT="${u(size.h)}"><PrintSpace>${body}</PrintSpace></Page></Layout></alto>`;
}

// Two columns 6 pt apart, a gutter as narrow as a wide word space on old scans.
const left = column({ lines: ['The first story starts', 'here and runs on down', 'its column.'], x: 50, top: 100, size: 10 });
const right = column({ lines: ['A second story sits', 'beside it in the next', 'column of the page.'], x: 50 + 112 + 6, top: 100, size: 10 });
const lineOf = (items: RawItem[], k: number) => [items[k]];

describe('layout from the ALTO that came with the scan', () => {
  it('takes blocks, lines and reading order from the ALTO while every raw character maps to its item once', () => {
    const p = page([...left, ...right]);
    // The engine reads the right-hand story first: its order wins over the page geometry.
    const xml = altoXml([[0, 1, 2].map((k) => lineOf(right, k)), [0, 1, 2].map((k) => lineOf(left, k))]);
    const cleaned = cleanPageWithAlto(p, xml);
    expect(cleaned.layout).toBe('alto');
    expect(cleaned.blocks.map((b) => b.text)).toEqual([
      'A second story sits beside it in the next column of the page.',
      'The first story starts here and runs on down its column.',
    ]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
    // Without the ALTO the page reads left column first.
    const own = cleanPage(p);
    expect(own.layout).toBe('pdf');
    expect(own.blocks[0].text.startsWith('The first story')).toBe(true);
  });

  it('puts a word the engine gave to the neighbouring line where the engine put it', () => {
    // "r," printed at the end of the left column's first line; the engine's line is the right column's.
    const speck = item('r,', 50 + 108, 100, 10);
    const p = page([...left, ...right, speck]);
    const xml = altoXml([[0, 1, 2].map((k) => lineOf(left, k)), [[speck, right[0]], ...[1, 2].map((k) => lineOf(right, k))]]);
    const cleaned = cleanPageWithAlto(p, xml);
    expect(cleaned.blocks.map((b) => b.text)).toEqual([
      'The first story starts here and runs on down its column.',
      'r, A second story sits beside it in the next column of the page.',
    ]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('gives a small word to its own ALTO word, not to a bigger word of another line whose box contains it', () => {
    // The 1859 masthead: the engine boxed a stray "I" (a line of its own, in the masthead block) inside the title's
    // "STAR" of another block, and drew its box a little tighter than the text layer's. By overlap alone the "I"
    // went to "STAR" and read "STARI", a word in neither the raw text nor the ALTO.
    const title = item('THE STAR', 50, 130, 20);
    const starX = 50 + advance('THE ', 20);
    const stray = item('I', starX + advance('ST', 20), 120, 7);
    const body = column({ lines: ['A story under the title.'], x: 50, top: 160, size: 10 });
    const p = page([stray, title, ...body]);
    const tight = { ...stray, rect: [stray.rect[0], stray.rect[1] + 0.5, stray.rect[2], stray.rect[3] - 0.5] as RawItem['rect'] };
    const xml = altoXml([[[tight]], [[title]], [[body[0]]]]);
    const cleaned = cleanPageWithAlto(p, xml);
    expect(cleaned.layout).toBe('alto');
    expect(cleaned.blocks.map((b) => b.text)).toEqual(['I', 'THE STAR', 'A story under the title.']);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('reads text the ALTO lacks after the nearest ALTO block, laid out from the PDF', () => {
    const extra = column({ lines: ['Late news.'], x: 50, top: 160, size: 10 });
    const p = page([...left, ...right, ...extra]);
    const xml = altoXml([[0, 1, 2].map((k) => lineOf(left, k)), [0, 1, 2].map((k) => lineOf(right, k))]);
    const cleaned = cleanPageWithAlto(p, xml);
    expect(cleaned.layout).toBe('alto');
    expect(cleaned.blocks.map((b) => b.text)).toEqual([
      'The first story starts here and runs on down its column.',
      'Late news.',
      'A second story sits beside it in the next column of the page.',
    ]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('falls back to the PDF layout when the ALTO is another page’s (size) or covers too little of the text', () => {
    const p = page([...left, ...right]);
    const wrongSize = altoXml([[0, 1, 2].map((k) => lineOf(left, k))], { w: PAGE_H, h: PAGE_W });
    expect(cleanPageWithAlto(p, wrongSize).layout).toBe('pdf');
    const half = altoXml([[0, 1, 2].map((k) => lineOf(left, k))]);
    const cleaned = cleanPageWithAlto(p, half);
    expect(cleaned.layout).toBe('pdf');
    expect(cleaned.blocks.map((b) => b.text)).toEqual(cleanPage(p).blocks.map((b) => b.text));
    expect(cleanPageWithAlto(p, '<notalto/>').layout).toBe('pdf');
  });
});
