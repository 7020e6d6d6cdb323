import { describe, expect, it } from 'vitest';
import { worthAHelper } from './processor.ts';

describe('worthAHelper', () => {
  it('keeps a one-page file with one worker, however heavy', () => {
    expect(worthAHelper(1, 20 << 20)).toBe(false);
    expect(worthAHelper(0, 0)).toBe(false);
  });

  it('keeps a short document of light pages with one worker (the 2-page cjk-photos fixture: 89,784 bytes)', () => {
    expect(worthAHelper(2, 89_784)).toBe(false);
    expect(worthAHelper(7, 7 * 100_000)).toBe(false);
  });

  it('shares a long document, and scans (heavy pages) from two pages on', () => {
    expect(worthAHelper(8, 8 * 20_000)).toBe(true);
    expect(worthAHelper(2000, 24 << 20)).toBe(true);
    expect(worthAHelper(2, 2 * 2_018_575)).toBe(true);
  });
});
