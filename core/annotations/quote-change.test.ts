import { describe, expect, it } from 'vitest';
import type { Block, RawItem } from '../page-model.ts';
import { resolveTarget, textTarget } from './anchor.ts';
import { quoteChanges } from './quote-change.ts';

const item = (str: string, y: number): RawItem => ({ str, font: 'f', size: 10, transform: [10, 0, 0, 10, 0, y], rect: [0, y, 10 * str.length, y + 10], eol: true });
const blk = (id: string, text: string, it: number): Block => ({ id, kind: 'paragraph', text, rects: [], map: [...text].map((_, i) => [it, i] as [number, number]) });
const before = ['区域职工共享运动设施', '社区基层周末职工。大陈村职工在活动中心健身，创新工作党员基层图书馆家庭。'];
const items = before.map((s, i) => item(s, i * 12));
const doc = 'a'.repeat(64);

/** The annotation as listed after the page's blocks read `texts`. */
function listed(texts: string[], start: number, end: number) {
  const target = textTarget(doc, 1, items, before.map((s, i) => blk(`p1b${i}`, s, i)), start, end);
  const area = { docId: doc, page: 1, text: null, viewrect: [0, 0, 10, 10] as [number, number, number, number] };
  const targets = [target, area];
  const blocks = texts.map((s, i) => blk(`p1b${i}`, s, i));
  return { targets, resolved: targets.map((t) => resolveTarget(t, items, blocks)) };
}

const at = before[0].length + 1 + before[1].indexOf('大陈村职工在');

describe('quoteChanges', () => {
  it('names the quote corrected inside, as annotated and as it reads now', () => {
    const a = listed([before[0], before[1].replace('大陈村', 'X陈村')], at, at + 6);
    expect(a.resolved[0]).toMatchObject({ status: 'reanchored', quote: 'X陈村职工在' });
    expect(quoteChanges(a)).toEqual([{ target: 0, was: '大陈村职工在', now: 'X陈村职工在' }]);
  });

  it('says nothing when the quote only moved, or only its spacing changed', () => {
    const moved = listed(['【更正】' + before[0], before[1]], at, at + 6);
    expect(moved.resolved[0]).toMatchObject({ status: 'reanchored', quote: '大陈村职工在' });
    expect(quoteChanges(moved)).toEqual([]);
    const spaced = listed([before[0], before[1].replace('大陈村职工在', '大陈村 职工在')], at, at + 6);
    expect(spaced.resolved[0]).toMatchObject({ status: 'reanchored', quote: '大陈村 职工在' });
    expect(quoteChanges(spaced)).toEqual([]);
    expect(quoteChanges(listed(before, at, at + 6))).toEqual([]);
  });

  it('says nothing of an orphan (the panel marks it as such) or an area', () => {
    const gone = listed([before[0], '周末。中心。'], at, at + 6);
    expect(gone.resolved.map((r) => [r.status, r.quote])).toEqual([
      ['orphan', null],
      ['anchored', null],
    ]);
    expect(quoteChanges(gone)).toEqual([]);
  });
});
