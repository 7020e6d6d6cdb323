import { describe, expect, it } from 'vitest';
import { buildGlyphs } from '../layout/glyphs.ts';
import { findOverprints } from './overprint.ts';
import { column, item, overprintGlyphs, overprintInItem, overprintRuns, page } from '../../test-support/synthetic-page.ts';

function run(items: ReturnType<typeof column>) {
  const p = page(items);
  const g = buildGlyphs(p);
  return { p, ...findOverprints(p, g) };
}

describe('findOverprints', () => {
  it('removes a whole second run drawn 0.3 pt to the right, in another font', () => {
    const { edits } = run(overprintRuns(column({ lines: ['来到大陈村职工', '活动中心。'], x: 50, top: 100, size: 10 })));
    expect(edits).toEqual([
      { reason: 'overprint', item: 1, start: 0, end: 7 },
      { reason: 'overprint', item: 3, start: 0, end: 5 },
    ]);
  });

  it('tolerates copies drawn up to a quarter em apart in either direction, but not further', () => {
    const base = item('职工', 50, 100, 10);
    expect(run([base, item('职工', 52.4, 100.5, 10)]).edits).toHaveLength(1);
    expect(run([base, item('职工', 47.6, 99.5, 10)]).edits).toHaveLength(1);
    expect(run([base, item('职工', 53, 100, 10)]).edits).toHaveLength(0);
  });

  it('removes glyph-level doubling whether pdf.js splits glyphs into items or keeps them in one', () => {
    const split = run(overprintGlyphs([item('来到大', 50, 100, 10)]));
    expect(split.edits.map((e) => e.item)).toEqual([1, 3, 5]);
    const inItem = run([overprintInItem(item('来到大', 50, 100, 10))]);
    expect(inItem.p.items[0].str).toBe('来来到到大大');
    expect(inItem.edits).toEqual([
      { reason: 'overprint', item: 0, start: 1, end: 2 },
      { reason: 'overprint', item: 0, start: 3, end: 4 },
      { reason: 'overprint', item: 0, start: 5, end: 6 },
    ]);
  });

  it('keeps real reduplication, which sits one advance apart', () => {
    const { edits } = run(column({ lines: ['谢谢大家，一组组照片', '看看。。。'], x: 50, top: 100, size: 10 }));
    expect(edits).toEqual([]);
    expect(run([item('谢', 50, 100, 10), item('谢', 60, 100, 10)]).edits).toEqual([]);
  });

  it('does not confuse the same text in neighbouring columns or lines', () => {
    const { edits } = run([item('职工', 50, 100, 10), item('职工', 50, 114, 10), item('职工', 170, 100, 10)]);
    expect(edits).toEqual([]);
  });

  it('removes a third copy as well', () => {
    const { edits } = run([item('AB', 50, 100, 10), item('AB', 50.3, 100, 10), item('AB', 50.6, 100, 10)]);
    expect(edits.map((e) => e.item)).toEqual([1, 2]);
  });
});

describe('findOverprints on overlapping OCR word boxes', () => {
  it('keeps a word that shares only one glyph position with an earlier word', () => {
    // "wear" whose box overlaps the "r" of "for": one coincidence in four glyphs.
    const a = item('for', 100, 100, 10, { width: 15 });
    const b = item('wear', 90, 100, 10, { width: 24.29 }); // its "r" lands on the "r" of "for"
    const { edits } = run([a, b]);
    expect(edits).toEqual([]);
  });
});

describe('findOverprints across sizes', () => {
  it('does not take a glyph of a much larger word box as the original of a small one', () => {
    const big = item('cletUnity.', 462.72, 862.4, 29.2, { width: 49.9 });
    const small = item('i', 494.16, 863.12, 10, { width: 4.08 });
    expect(run([big, small]).edits).toEqual([]);
    expect(run([big, item('i', 494.16, 863.12, 28, { width: 4.08 })]).edits).toHaveLength(1);
  });
});
