import { describe, expect, it } from 'vitest';
import { charsBefore, growLimit, sizeLabel } from './lazy-window.ts';

describe('growLimit', () => {
  const lengths = [40, 40, 40, 40, 500, 10];
  it('fills the budget from where the rendered part ends', () => {
    expect(growLimit(lengths, 0, 100)).toBe(2);
    expect(growLimit(lengths, 2, 100)).toBe(4);
  });
  it('always adds at least one piece, even one longer than the budget', () => {
    expect(growLimit(lengths, 4, 100)).toBe(5);
  });
  it('reaches a piece asked for (a block picked on the page, the next change)', () => {
    expect(growLimit(lengths, 0, 100, 6)).toBe(6);
  });
  it('stops at the end', () => {
    expect(growLimit(lengths, 6, 100)).toBe(6);
    expect(growLimit([], 0, 100)).toBe(0);
  });
  it('renders a whole ordinary page in one step', () => {
    const page = Array.from({ length: 2000 }, () => 75); // 150 000 characters, a dense broadsheet
    expect(growLimit(page, 0)).toBe(2000);
  });
});

describe('sizeLabel', () => {
  it('says how large in words', () => {
    expect(sizeLabel(12_345_678)).toBe('12.3 million characters');
    expect(sizeLabel(850_000)).toBe('850 thousand characters');
  });
});

describe('charsBefore', () => {
  it('counts the characters of the first n pieces', () => {
    expect(charsBefore([40, 40, 500], 2)).toBe(80);
    expect(charsBefore([40, 40, 500], 9)).toBe(580);
    expect(charsBefore([], 3)).toBe(0);
  });
});
