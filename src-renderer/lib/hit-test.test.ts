import { expect, it } from 'vitest';
import { blockAt } from './hit-test.ts';
import type { Block, Rect } from '../../core/page-model.ts';

const block = (id: string, ...rects: Rect[]): Block => ({ id, kind: 'paragraph', text: '', rects, map: [] });
const blocks = [block('col', [0, 0, 100, 300]), block('caption', [10, 200, 90, 220]), block('two-col', [120, 0, 200, 50], [220, 0, 300, 50])];

it('prefers the smallest rect containing the point', () => {
  expect(blockAt(blocks, 50, 210)?.id).toBe('caption');
  expect(blockAt(blocks, 50, 100)?.id).toBe('col');
});
it('finds a block by any of its column segments', () => {
  expect(blockAt(blocks, 250, 25)?.id).toBe('two-col');
});
it('takes the nearest block within slop, else nothing', () => {
  expect(blockAt(blocks, 102, 10)?.id).toBe('col');
  expect(blockAt(blocks, 110, 10)).toBeNull();
  expect(blockAt(blocks, 108, 10, 12)?.id).toBe('col');
});
