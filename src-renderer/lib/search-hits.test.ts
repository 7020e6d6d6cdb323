import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../core/search/search-model.ts';
import { groupHits, pageHitRects, snippetParts, stepOrder } from './search-hits.ts';

const hit = (document: string, page: number, block: string, ranges: SearchHit['ranges'] = [[0, 2]]): SearchHit => ({
  document,
  page,
  block,
  layer: 'cleaned',
  kind: 'paragraph',
  snippet: '职工之家',
  marks: [[0, 2]],
  ranges,
  exact: true,
  score: 1,
});

describe('search hits in the renderer', () => {
  it('groups by document then page, and steps in the order shown', () => {
    const hits = [hit('a', 2, 'p2b0'), hit('b', 1, 'p1b0'), hit('a', 1, 'p1b3'), hit('a', 2, 'p2b5')];
    const groups = groupHits(hits);
    expect(groups.map((g) => [g.document, g.pages.map((p) => [p.page, p.hits.map((h) => h.index)])])).toEqual([
      ['a', [[2, [0, 3]], [1, [2]]]],
      ['b', [[1, [1]]]],
    ]);
    expect(stepOrder(groups)).toEqual([0, 3, 2, 1]);
  });

  it('outlines the matched characters through the block map', () => {
    const model = {
      items: [{ str: '来到职工之家', rect: [0, 0, 60, 10] as [number, number, number, number], eol: true, font: '', size: 10, transform: [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number] }],
      blocks: [{ id: 'p1b0', kind: 'paragraph' as const, text: '职工之家', rects: [], map: [[0, 2], [0, 3], [0, 4], [0, 5]] as Array<[number, number]> }],
    };
    expect(pageHitRects(model, [hit('a', 1, 'p1b0', [[0, 2]])])).toEqual([[20, 0, 40, 10]]);
  });

  it('splits a snippet into marked and plain runs', () => {
    expect(snippetParts('大陈村职工活动', [[3, 5]])).toEqual([
      { text: '大陈村', mark: false },
      { text: '职工', mark: true },
      { text: '活动', mark: false },
    ]);
  });
});
