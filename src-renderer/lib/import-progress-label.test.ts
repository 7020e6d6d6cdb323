import { describe, expect, it } from 'vitest';
import { importProgressParts, importProgressText, importProgressValue } from './import-progress-label.ts';

describe('import progress line', () => {
  it('names the pages done of a long file and moves the bar by them', () => {
    const p = { batch: 'b', done: 0, total: 1, file: 'cjk-bench-2000.pdf', page: 812, pages: 2000 };
    expect(importProgressText(p)).toBe('0/1 · cjk-bench-2000.pdf · page 812 of 2000');
    expect(importProgressValue(p)).toBeCloseTo(0.406, 10);
    expect(importProgressParts(p)).toEqual({ files: '0/1 · cjk-bench-2000.pdf', pages: ' · page 812 of 2000' });
  });

  it('says files only before a file has pages, and a count without total for a text dump', () => {
    expect(importProgressText({ batch: 'b', done: 2, total: 6, file: 'a.pdf' })).toBe('2/6 · a.pdf');
    expect(importProgressValue({ batch: 'b', done: 2, total: 6, file: 'a.pdf' })).toBe(2);
    expect(importProgressText({ batch: 'b', done: 0, total: 1, file: 'dump.txt', page: 40, pages: 0 })).toBe('0/1 · dump.txt · page 40');
    expect(importProgressValue({ batch: 'b', done: 0, total: 1, file: 'dump.txt', page: 40, pages: 0 })).toBe(0);
  });

  it("keeps the window's own reading line as it is", () => {
    expect(importProgressText({ batch: 'local', done: 10, total: 20, file: 'Reading a.pdf · 10 B of 20 B' })).toBe('Reading a.pdf · 10 B of 20 B');
  });
});
