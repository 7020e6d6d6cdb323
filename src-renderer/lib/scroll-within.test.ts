import { describe, expect, it } from 'vitest';
import { revealPairScrollTop, revealScrollTop } from './scroll-within.ts';

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

describe('revealPairScrollTop (a chosen photo card, then its links)', () => {
  const view = 300;
  const max = 2000;
  const card = { top: 100, height: 140 };
  it('shows the card and its links below it when both fit, scrolling as little as that takes', () => {
    expect(revealPairScrollTop(card, { top: 250, height: 130 }, 0, view, max)).toBe(80);
    // Scrolled to 200, the links (250..380) are in view already and revealing them alone left the card's top cut off.
    expect(revealScrollTop({ top: 250, height: 130 }, 200, view, max, 'nearest')).toBe(200);
    expect(revealPairScrollTop(card, { top: 250, height: 130 }, 200, view, max)).toBe(100);
  });
  it('brings back a card whose top was scrolled away, with links above it, when both fit', () => {
    expect(revealPairScrollTop(card, { top: 0, height: 200 }, 150, view, max)).toBe(0);
  });
  it('brings the card whole to the top, its links below it as far as they fit, when the two do not fit together', () => {
    expect(revealPairScrollTop(card, { top: 250, height: 500 }, 0, view, max)).toBe(100);
    expect(revealPairScrollTop(card, { top: 400, height: 150 }, 0, view, max)).toBe(100);
    // Scrolled past the card (the links alone were revealed before): it comes back whole.
    expect(revealPairScrollTop(card, { top: 250, height: 500 }, 450, view, max)).toBe(100);
  });
  it('leaves the panel alone when both are already in view', () => {
    expect(revealPairScrollTop(card, { top: 250, height: 100 }, 90, view, max)).toBe(90);
  });
});
