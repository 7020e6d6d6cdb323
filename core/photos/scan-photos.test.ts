import { describe, expect, it } from 'vitest';
import type { Rect } from '../page-model.ts';
import { textFreePhotos, type ScanBlock } from './scan-photos.ts';

const column = (x0: number, x1: number, y0: number, y1: number): ScanBlock => ({ rect: [x0, y0, x1, y1], size: 10, lineCount: Math.round((y1 - y0) / 14), text: 'word '.repeat(Math.round((y1 - y0) / 2)) });

describe('textFreePhotos', () => {
  // Three columns 40–190, 200–350, 360–510; the middle one holds a picture from 300 to 500 with a caption under it.
  const blocks: ScanBlock[] = [
    { rect: [40, 40, 510, 70], size: 24, lineCount: 1, text: 'A HEADLINE ACROSS THE PAGE' },
    column(40, 190, 80, 900),
    column(200, 350, 80, 290),
    { rect: [230, 505, 320, 513], size: 8, lineCount: 1, text: 'SEPTEMBER MORN.' },
    column(200, 350, 525, 900),
    column(360, 510, 80, 900),
  ];

  it('finds the empty region over a caption, framed by the columns around it', () => {
    const out = textFreePhotos(blocks, 10);
    expect(out).toHaveLength(1);
    expect(out[0].caption).toBe(3);
    const r: Rect = out[0].rect;
    expect(r[0]).toBeGreaterThanOrEqual(190);
    expect(r[2]).toBeLessThanOrEqual(360);
    expect(r[1]).toBeGreaterThanOrEqual(289);
    expect(r[1]).toBeLessThanOrEqual(295);
    expect(r[3]).toBeGreaterThanOrEqual(500);
    expect(r[3]).toBeLessThanOrEqual(506);
  });

  it('ignores words the OCR read off the picture itself', () => {
    const specks: ScanBlock[] = [{ rect: [240, 380, 262, 388], size: 8, lineCount: 1, text: 'BERLIN' }, { rect: [300, 420, 306, 428], size: 8, lineCount: 1, text: 'i' }];
    expect(textFreePhotos([...blocks, ...specks], 10)).toHaveLength(1);
  });

  it('finds nothing in running text, nor in the open white above a masthead', () => {
    const text = [column(40, 190, 80, 900), column(200, 350, 80, 900), { rect: [200, 60, 500, 72], size: 10, lineCount: 1, text: 'WASHINGTON, D. C., SUNDAY' } as ScanBlock];
    expect(textFreePhotos(text, 10)).toEqual([]);
  });
});
