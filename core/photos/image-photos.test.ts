import { describe, expect, it } from 'vitest';
import type { RawImage } from '../page-model.ts';
import { iou, isScannedPage, photoRectsFromImages } from './image-photos.ts';

const W = 842;
const H = 1191;
const im = (x0: number, y0: number, x1: number, y1: number): RawImage => ({ rect: [x0, y0, x1, y1] });

describe('photoRectsFromImages', () => {
  it('merges the strips of one photo into one rectangle', () => {
    const strips = [0, 1, 2, 3].map((k) => im(100, 200 + 40 * k, 300, 240 + 40 * k));
    expect(photoRectsFromImages(strips, W, H)).toEqual([[100, 200, 300, 360]]);
  });

  it('keeps two photos side by side apart', () => {
    const out = photoRectsFromImages([im(40, 100, 300, 250), im(301, 100, 500, 200)], W, H);
    expect(out).toEqual([
      [40, 100, 300, 250],
      [301, 100, 500, 200],
    ]);
  });

  it('leaves out rules, ornaments, logos and a full-page scan raster', () => {
    const out = photoRectsFromImages([im(0, 0, W, H), im(40, 500, 800, 502), im(40, 60, 70, 90), im(400, 40, 460, 70), im(100, 600, 260, 720)], W, H);
    expect(out).toEqual([[100, 600, 260, 720]]);
    expect(isScannedPage([im(0, 0, W, H)], W, H)).toBe(true);
    expect(isScannedPage([im(100, 600, 260, 720)], W, H)).toBe(false);
  });

  it('counts a picture drawn twice (or over its frame) once', () => {
    expect(photoRectsFromImages([im(100, 100, 300, 250), im(102, 102, 298, 248)], W, H)).toEqual([[100, 100, 300, 250]]);
  });

  it('iou of a rectangle with itself is 1, with a disjoint one 0', () => {
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
  });
});
