import { describe, expect, it } from 'vitest';
import { cleanPage, isTextOnlyPage } from './clean-page.ts';
import { textDumpToRawPage } from './text-page.ts';
import { item, overprintRuns, page } from '../../test-support/synthetic-page.ts';

describe('cleanPage', () => {
  it('cleans a page with geometry by position', () => {
    const p = page(overprintRuns([item('来到大陈村', 50, 100, 10)]));
    expect(isTextOnlyPage(p)).toBe(false);
    const c = cleanPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual(['来到大陈村']);
    expect(c.blocks[0].rects).toHaveLength(1);
  });

  it('sends a text-only dump (no page size) to text cleaning', () => {
    const p = textDumpToRawPage('来到大陈村职工活动中心来到大陈村职工活动中心\n');
    expect(isTextOnlyPage(p)).toBe(true);
    const c = cleanPage(p);
    // Text cleaning has no geometry: its blocks carry no rects.
    expect(c.blocks.every((b) => b.rects.length === 0)).toBe(true);
    expect(c.blocks.map((b) => b.text).join('')).toBe('来到大陈村职工活动中心');
  });
});
