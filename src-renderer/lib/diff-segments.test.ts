import { describe, expect, it } from 'vitest';
import { diffSegments, segmentsByItem, type ItemSegment } from './diff-segments.ts';
import { rawText, type Edit, type RawItem } from '../../core/page-model.ts';

const item = (str: string, eol = false): RawItem => ({ str, eol, font: 'f', size: 10, transform: [10, 0, 0, 10, 0, 0], rect: [0, 0, 10, 10] });
const items = [item('来来到到', true), item('con-', true), item('tinued  here')];
const edits: Edit[] = [
  { reason: 'overprint', item: 0, start: 1, end: 2 },
  { reason: 'overprint', item: 0, start: 3, end: 4 },
  { reason: 'hyphenation', item: 1, start: 3, end: 4 },
  { reason: 'whitespace', item: 2, start: 7, end: 8 },
];

it('keeps the raw text intact and marks each removal with its reason', () => {
  const segs = diffSegments(items, edits);
  expect(segs.map((s) => s.text).join('')).toBe(rawText(items));
  expect(segs.filter((s) => s.reason).map((s) => [s.text, s.reason, s.edit])).toEqual([
    ['来', 'overprint', 0],
    ['到', 'overprint', 1],
    ['-', 'hyphenation', 2],
    [' ', 'whitespace', 3],
  ]);
});

it('sorts edits, clips overlaps and ignores edits outside their item', () => {
  const segs = diffSegments(items, [
    { reason: 'whitespace', item: 2, start: 6, end: 8 },
    { reason: 'overprint', item: 0, start: 0, end: 3 },
    { reason: 'overprint', item: 0, start: 2, end: 4 },
    { reason: 'overprint', item: 7, start: 0, end: 1 },
    { reason: 'overprint', item: 1, start: 9, end: 12 },
  ]);
  expect(segs.map((s) => s.text).join('')).toBe(rawText(items));
  expect(segs.filter((s) => s.reason).map((s) => s.text)).toEqual(['来来到', '到', '  ']);
});

it('returns the whole text as one kept segment when nothing was removed', () => {
  expect(diffSegments(items, [])).toEqual([{ text: rawText(items) }]);
});

describe('segmentsByItem', () => {
  const starts = (segs: ItemSegment[]) => segs.filter((s) => s.start).map((s) => s.item);
  it('cuts diff segments at item starts without changing the text', () => {
    const segs = segmentsByItem(items, diffSegments(items, edits));
    expect(segs.map((s) => s.text).join('')).toBe(rawText(items));
    expect(starts(segs)).toEqual([0, 1, 2]);
    // Every segment lies within its item's own text.
    let pos = 0;
    const bounds = items.map((it) => [pos, (pos += it.str.length + (it.eol ? 1 : 0))]);
    pos = 0;
    for (const s of segs) {
      expect(pos).toBeGreaterThanOrEqual(bounds[s.item][0]);
      expect(pos + s.text.length).toBeLessThanOrEqual(bounds[s.item][1]);
      pos += s.text.length;
    }
    // Removals keep their reason after cutting.
    expect(segs.filter((s) => s.reason).map((s) => s.text)).toEqual(['来', '到', '-', ' ']);
  });
  it('marks line starts only, empty items included', () => {
    const withEmpty = [item('ab'), item(''), item('cd', true), item(''), item('ef', true), item('gh')];
    const segs = segmentsByItem(withEmpty, diffSegments(withEmpty, []));
    expect(starts(segs)).toEqual([0, 3, 5]);
    expect(segs.map((s) => s.text).join('')).toBe('abcd\nef\ngh');
  });
  it('without a diff gives one segment per item', () => {
    expect(segmentsByItem(items, null).map((s) => [s.item, s.text])).toEqual([
      [0, '来来到到\n'],
      [1, 'con-\n'],
      [2, 'tinued  here'],
    ]);
  });
});
