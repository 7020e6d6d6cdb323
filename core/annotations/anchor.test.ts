import { describe, expect, it } from 'vitest';
import type { Block, RawItem } from '../page-model.ts';
import { pageText } from '../page-text.ts';
import { rangesInArea, reanchor, resolveTarget, textAnchor, textTarget, trimRange } from './anchor.ts';

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

  it('trims the whitespace a selection took at its ends from the quote, moving the offsets with it', () => {
    // " mayor " (13..20): a double-click-and-drag takes the spaces around the word.
    const t = textTarget('a'.repeat(64), 1, items, blocks, 13, 20);
    expect(t.text).toEqual({ start: 14, end: 19, exact: 'mayor', prefix: 'Late news\nThe ', suffix: ' spoke.' });
    expect(t.viewrect).toEqual([40, 20, 50, 10]);
    // Across the line break: "news\n" keeps no newline.
    expect(trimRange('Late news\nThe', 5, 10)).toEqual({ start: 5, end: 9 });
    // Whitespace alone stays as selected: the service refuses it ("the selection holds no text").
    expect(trimRange('a \u00a0b', 1, 3)).toEqual({ start: 1, end: 3 });
    // Inner whitespace is the quote's own.
    expect(trimRange('a\t b', 0, 4)).toEqual({ start: 0, end: 4 });
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

  it('follows a Chinese quote whose first character was corrected (the walk: 大陈村职工在 → X陈村职工在), and orphans it once its context is gone too', () => {
    const before = '区域职工共享运动设施\n社区基层周末职工。大陈村职工在活动中心健身，创新工作党员基层图书馆家庭。';
    const start = before.indexOf('大陈村职工在');
    const a = textAnchor(before, start, start + 6);
    const after = before.replace('大陈村', 'X陈村');
    const r = reanchor(after, a)!;
    // Documented rule (README, Annotating and correcting): the unchanged context around a corrected quote carries it.
    expect({ quote: after.slice(r.start, r.end), moved: r.moved }).toEqual({ quote: 'X陈村职工在', moved: true });
    // Rewrite the sentence around it as well: nothing left to follow, an orphan rather than a guess.
    expect(reanchor('区域职工共享运动设施\n周末。X陈村职工在中心。', a)).toBeNull();
  });

  it('reports an orphan when the quote is gone, never guessing', () => {
    const t = textTarget('a'.repeat(64), 1, items, blocks, 14, 19);
    const changed = [blocks[0], blk('p1b1', 'The governor spoke.', 1)];
    expect(resolveTarget(t, items, changed)).toEqual({ status: 'orphan', start: null, end: null, quote: null, rects: [] });
    expect(resolveTarget(t, items, blocks)).toMatchObject({ status: 'anchored', start: 14, end: 19, quote: 'mayor', rects: [[40, 20, 90, 30]] });
  });

  it('selects the characters inside a dragged area', () => {
    expect(rangesInArea(items, blocks, [38, 18, 92, 32])).toEqual([{ start: 14, end: 19 }]);
    expect(rangesInArea(items, blocks, [500, 500, 600, 600])).toEqual([]);
  });

  it('selects only what a rectangle across a column gutter covers, piece by piece', () => {
    // Two columns of four 10-pt lines, 10 characters wide (0–100 and 120–220), read column 1 then column 2.
    const col1 = ['alpha beta', 'gamma delt', 'epsil zeta', 'etaaa thet'];
    const col2 = ['iotaa kapp', 'lambd mu n', 'xiiii omic', 'pi rho sig'];
    const lines = [...col1.map((s, i) => item(s, 0, i * 12)), ...col2.map((s, i) => item(s, 120, i * 12))];
    const colBlock = (id: string, strs: string[], first: number): Block => {
      const map: [number, number][] = [];
      strs.forEach((s, l) => {
        if (l > 0) map.push([-1, -1]); // the cleaned line break has no box
        for (let c = 0; c < s.length; c++) map.push([first + l, c]);
      });
      return { id, kind: 'paragraph', text: strs.join('\n'), rects: [], map };
    };
    const cols = [colBlock('p1b0', col1, 0), colBlock('p1b1', col2, 4)];
    const text = pageText(cols);
    // From the right half of column 1's second line, across the gutter, to the left half of column 2's third line.
    const got = rangesInArea(lines, cols, [60, 13, 170, 34]).map((r) => text.slice(r.start, r.end));
    expect(got).toEqual(['delt', 'zeta', 'lambd', 'xiiii']);
    // A box whose left edge cuts words takes them whole: "gamma delt", not "mma delt"; "lambd", not "la".
    expect(rangesInArea(lines, cols, [25, 13, 145, 34]).map((r) => text.slice(r.start, r.end))).toEqual(['gamma delt', 'epsil zeta', 'lambd', 'xiiii']);
    // A thin box that only grazes two lines (1 pt of each 10-pt line) takes neither.
    expect(rangesInArea(lines, cols, [0, 21, 100, 25]).map((r) => text.slice(r.start, r.end))).toEqual([]);
    // A box over a whole column keeps its lines as one stretch, line breaks included, and nothing of the other column.
    expect(rangesInArea(lines, cols, [-1, -1, 101, 47]).map((r) => text.slice(r.start, r.end))).toEqual([col1.join('\n')]);
  });

  it('takes a Chinese line’s characters one by one, not the whole line for a character the box touched', () => {
    const zh = [item('记者来到大陈村采访', 0, 0)];
    const line = [blk('p1b0', '记者来到大陈村采访', 0)];
    expect(rangesInArea(zh, line, [35, 0, 65, 10]).map((r) => '记者来到大陈村采访'.slice(r.start, r.end))).toEqual(['到大陈村']);
    // A Latin word inside a Chinese line is still taken whole.
    const mixed = [item('记者Reuters报道', 0, 0)];
    expect(rangesInArea(mixed, [blk('p1b0', '记者Reuters报道', 0)], [35, 0, 55, 10]).map((r) => '记者Reuters报道'.slice(r.start, r.end))).toEqual(['Reuters']);
  });
});
