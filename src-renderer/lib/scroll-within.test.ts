import { describe, expect, it } from 'vitest';
import { revealScrollTop } from './scroll-within.ts';

describe('revealScrollTop', () => {
  const view = 400;
  const max = 2000;
  it('centres a child', () => {
    expect(revealScrollTop({ top: 1000, height: 20 }, 0, view, max, 'center')).toBe(810);
  });
  it('leaves a visible child where it is with "nearest"', () => {
    expect(revealScrollTop({ top: 150, height: 20 }, 100, view, max, 'nearest')).toBe(100);
  });
  it('scrolls the least distance with "nearest"', () => {
    expect(revealScrollTop({ top: 40, height: 20 }, 100, view, max, 'nearest')).toBe(40);
    expect(revealScrollTop({ top: 700, height: 20 }, 100, view, max, 'nearest')).toBe(320);
    // Taller than the view: its top wins.
    expect(revealScrollTop({ top: 700, height: 900 }, 100, view, max, 'nearest')).toBe(700);
  });
  it('stays within the scroll range', () => {
    expect(revealScrollTop({ top: 10, height: 20 }, 300, view, max, 'center')).toBe(0);
    expect(revealScrollTop({ top: 2390, height: 10 }, 0, view, max, 'center')).toBe(2000);
    expect(revealScrollTop({ top: 50, height: 10 }, 0, view, -5, 'start')).toBe(0);
  });
});
