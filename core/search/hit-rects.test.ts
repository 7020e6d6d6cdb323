import { expect, it } from 'vitest';
import type { CharSource, Rect } from '../page-model.ts';
import { rawRangeSources } from './hit-rects.ts';

const rect: Rect = [0, 0, 0, 0];
const item = (str: string, eol = false) => ({ str, rect, vertical: false, eol });

/** Each raw-text offset's [item, char] by walking the text: line ends ("\n" after an eol item) have none. */
function walked(items: readonly ReturnType<typeof item>[], start: number, end: number): CharSource[] {
  const out: CharSource[] = [];
  let at = 0;
  items.forEach((it, i) => {
    for (let c = 0; c < it.str.length; c++, at++) if (at >= start && at < end) out.push([i, c]);
    if (it.eol) at++;
  });
  return out;
}

it('maps raw ranges to their items wherever they start: first item, mid item, on a line end, past empty items', () => {
  // rawText: "ab" "" "cd\n" "" "" "e\n" "fg" → offsets: a0 b1 c2 d3 \n4 e5 \n6 f7 g8
  const items = [item('ab'), item(''), item('cd', true), item(''), item(''), item('e', true), item('fg')];
  for (let start = 0; start <= 9; start++)
    for (let end = start; end <= 10; end++) expect(rawRangeSources(items, start, end), `${start}-${end}`).toEqual(walked(items, start, end));
});

it('gives nothing for a page without items', () => {
  expect(rawRangeSources([], 0, 3)).toEqual([]);
});
