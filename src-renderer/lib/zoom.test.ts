import { expect, it } from 'vitest';
import { outputScale, resolveScale, stepScale, wheelScale } from './zoom.ts';

const page = { width: 600, height: 900 };
it('fits width or the whole page into the box', () => {
  expect(resolveScale('fit-width', page, { width: 300, height: 300 })).toBe(0.5);
  expect(resolveScale('fit-page', page, { width: 300, height: 300 })).toBeCloseTo(1 / 3);
  expect(resolveScale(2, page, { width: 1, height: 1 })).toBe(2);
  expect(resolveScale(50, page, { width: 1, height: 1 })).toBe(8);
});
it('falls back to 1 for pages without size (text dumps)', () => {
  expect(resolveScale('fit-width', { width: 0, height: 0 }, { width: 300, height: 300 })).toBe(1);
});
it('steps through presets from any scale', () => {
  expect(stepScale(1, 1)).toBe(1.1);
  expect(stepScale(1, -1)).toBe(0.9);
  expect(stepScale(0.8, 1)).toBe(0.9);
  expect(stepScale(8, 1)).toBe(8);
  expect(stepScale(0.1, -1)).toBe(0.1);
});
it('zooms in on wheel up and out on wheel down, clamped', () => {
  expect(wheelScale(1, -100)).toBeGreaterThan(1);
  expect(wheelScale(1, 100)).toBeLessThan(1);
  expect(wheelScale(8, -1000)).toBe(8);
});
it('caps canvas pixels', () => {
  expect(outputScale(800, 1000, 2)).toBe(2);
  const s = outputScale(4000, 6000, 2);
  expect(4000 * 6000 * s * s).toBeLessThanOrEqual(16_777_216 + 1);
});
