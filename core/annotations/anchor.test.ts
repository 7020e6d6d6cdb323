import { describe, expect, it } from 'vitest';
import type { Block, RawItem } from '../page-model.ts';
import { pageText } from '../page-text.ts';
import { rangeInArea, reanchor, resolveTarget, textAnchor, textTarget } from './anchor.ts';

const item = (str: string, x: number, y: number): RawItem => ({ str, font: 'f', size: 10, transform: [10, 0, 0, 10, x, y], rect: [x, y, x + 10 * str.length, y + 10], eol: true });
const items = [item('Late news', 0, 0), item('The mayor spoke.', 0, 20)];
const blk = (id: string, text: string, it: number): Block => ({ id, kind: 'paragraph', text, rects: [], map: [...text].map((_, i) => [it, i] as [number, number]) });
const blocks = [blk('p1b0', 'Late news', 0), blk('p1b1', 'The mayor spoke.', 1)];

describe('anchoring', () => {
  it('makes a quote with context and an area from the offset map', () => {
    const t = textTarget('a'.repeat(64), 1, items, blocks, 14, 19);
    expect(pageText(blocks).slice(14, 19)).toBe('mayor');
    expect(t.text).toEqual({ start: 14, end: 19, exact: 'mayor', prefix: 'Late news\nThe ', suffix: ' spoke.' });
    expect(t.viewrect).toEqual([40, 20, 50, 10]);
  });

  it('keeps offsets that still hold, and moves by quote when text before it changed', () => {
    const a = textAnchor('Late news\nThe mayor spoke.', 14, 19);
    expect(reanchor('Late news\nThe mayor spoke.', a)).toEqual({ start: 14, end: 19, moved: false });
    expect(reanchor('LATE NEWS TODAY\nThe mayor spoke.', a)).toEqual({ start: 20, end: 25, moved: true });
  });

  it('picks the occurrence whose context matches, not merely the nearest', () => {
    const text = 'the mayor said; later the mayor spoke.';
    const a = { ...textAnchor(text, 26, 31), start: 4, end: 9 }; // stale offsets point at the first "mayor"
    expect(text.slice(4, 9)).toBe('mayor');
    const shifted = 'XX' + text;
    expect(reanchor(shifted, a)).toEqual({ start: 28, end: 33, moved: true });
  });

  it('finds a quote whose spacing changed (better cleaning of justification spaces)', () => {
    const a = textAnchor('记者 来到 大陈村 采访', 3, 9); // "来到 大陈村"
    expect(a.exact).toBe('来到 大陈村');
    const cleaner = '记者来到大陈村采访';
    const r = reanchor(cleaner, a)!;
    expect(cleaner.slice(r.start, r.end)).toBe('来到大陈村');
  });

  it('follows a quote corrected inside, by the unchanged context around it', () => {
    const before = 'Weather report. The mayor spoke at the bridge on Tuesday. Later news follows here.';
    const a = textAnchor(before, 16, 57);
    expect(a.exact).toBe('The mayor spoke at the bridge on Tuesday.');
    const after = 'Weather report. The Mayor spoke at the new bridge on Tuesday. Later news follows here.';
    const r = reanchor(after, a)!;
    expect(after.slice(r.start, r.end)).toBe('The Mayor spoke at the new bridge on Tuesday.');
    // Context alone is not enough when the stretch between is implausibly long or short.
    expect(reanchor('Weather report. X. Later news follows here.', a)).toBeNull();
  });

  it('reports an orphan when the quote is gone, never guessing', () => {
    const t = textTarget('a'.repeat(64), 1, items, blocks, 14, 19);
    const changed = [blocks[0], blk('p1b1', 'The governor spoke.', 1)];
    expect(resolveTarget(t, items, changed)).toEqual({ status: 'orphan', start: null, end: null, rects: [] });
    expect(resolveTarget(t, items, blocks)).toMatchObject({ status: 'anchored', start: 14, end: 19, rects: [[40, 20, 90, 30]] });
  });

  it('selects the characters inside a dragged area', () => {
    expect(rangeInArea(items, blocks, [38, 18, 92, 32])).toEqual({ start: 14, end: 19 });
    expect(rangeInArea(items, blocks, [500, 500, 600, 600])).toBeNull();
  });
});
