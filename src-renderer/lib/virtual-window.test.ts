import { describe, expect, it } from 'vitest';
import { scrollToRow, virtualWindow } from './virtual-window.ts';

describe('virtualWindow', () => {
  it('renders the rows in view plus a margin, and pads for the rest', () => {
    expect(virtualWindow(0, 500, 50, 10_000, 5)).toEqual({ start: 0, end: 16, padTop: 0, padBottom: (10_000 - 16) * 50 });
    const mid = virtualWindow(50_000, 500, 50, 10_000, 5);
    expect(mid).toEqual({ start: 995, end: 1016, padTop: 995 * 50, padBottom: (10_000 - 1016) * 50 });
    expect(mid.padTop + (mid.end - mid.start) * 50 + mid.padBottom).toBe(10_000 * 50);
  });

  it('stays bounded whatever the list size, and copes with short and empty lists', () => {
    expect(virtualWindow(0, 800, 60, 1_000_000).end).toBeLessThan(30);
    expect(virtualWindow(0, 800, 60, 3)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(virtualWindow(0, 800, 60, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(virtualWindow(1e9, 800, 60, 10).end).toBe(10);
  });
});

describe('scrollToRow', () => {
  it('moves only as far as needed', () => {
    expect(scrollToRow(0, 100, 500, 50)).toBe(0);
    expect(scrollToRow(20, 0, 500, 50)).toBe(550);
    expect(scrollToRow(3, 0, 500, 50)).toBeNull();
  });
});
