import { expect, it } from 'vitest';
import type { SearchHit } from '../../core/search/search-model.ts';
import { hitIdentity, keepPlace } from './search-place.ts';

const hit = (document: string, page: number, block: string | null, layer: SearchHit['layer'] = block ? 'cleaned' : 'raw'): SearchHit => ({
  document,
  page,
  block,
  layer,
  kind: block ? 'paragraph' : 'raw',
  snippet: '',
  marks: [],
  ranges: [[0, 1]],
  exact: true,
  score: 1,
});
const list = (hits: SearchHit[]) => ({ hits, order: hits.map((_, i) => i) });

it('names a hit by its document, page and block, not its layer or offsets; a raw hit by its page', () => {
  expect(hitIdentity({ ...hit('a', 2, 'p2b5'), layer: 'corrected', ranges: [[9, 12]] })).toBe(hitIdentity(hit('a', 2, 'p2b5')));
  expect(hitIdentity(hit('a', 2, null))).toBe('a\u00002\u0000');
  expect(new Set([hit('a', 2, null), hit('a', 3, null), hit('a', 2, 'p2b5'), hit('b', 2, 'p2b5')].map(hitIdentity)).size).toBe(4);
});

it('keeps a raw hit shown through a refresh that moves it', () => {
  const before = list([hit('a', 1, null), hit('a', 2, null)]);
  expect(keepPlace(before, { current: 1, next: null }, list([hit('b', 1, null), hit('a', 1, null), hit('a', 2, null)]))).toEqual({ current: 2, next: null });
});

it('with nothing shown and nowhere to go on from, stays so (Enter starts from the top)', () => {
  const before = list([hit('a', 1, 'p1b1')]);
  expect(keepPlace(before, { current: -1, next: null }, list([hit('a', 1, 'p1b1')]))).toEqual({ current: -1, next: null });
  expect(keepPlace(before, { current: 0, next: null }, list([]))).toEqual({ current: -1, next: null });
});

it('follows the step order, not rank order, to the hit after a gone one', () => {
  // Rank order a1, b1, a2; the list shows a's hits together: a1, a2, b1. a1 went: Enter goes to a2, not b1.
  const hits = [hit('a', 1, 'p1b1'), hit('b', 1, 'p1b1'), hit('a', 1, 'p1b2')];
  const before = { hits, order: [0, 2, 1] };
  expect(keepPlace(before, { current: 0, next: null }, list([hits[1], hits[2]]))).toEqual({ current: -1, next: 1 });
});
