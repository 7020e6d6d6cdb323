import { expect, it } from 'vitest';
import { pageOfBlock, pageOfPhoto } from './page-model.ts';

it('reads the page number out of block and photo ids, and nothing out of anything else', () => {
  expect([pageOfBlock('p3b12'), pageOfBlock('p1918b0'), pageOfBlock('p3i1'), pageOfBlock('p3b'), pageOfBlock('xp3b1'), pageOfBlock('p3b1 ')]).toEqual([3, 1918, null, null, null, null]);
  expect([pageOfPhoto('p2i0'), pageOfPhoto('p2b0'), pageOfPhoto('p2i')]).toEqual([2, null, null]);
});
