import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOC_DIR, realScannedPages, SAMPLE_SCAN } from './real-pages.ts';

describe('realScannedPages', () => {
  it('always holds the committed sample scan, so CI runs the real-page tests', () => {
    const pages = realScannedPages('/nonexistent/shared/pdfs/loc');
    expect(pages).toEqual([{ name: 'evening-star-1918-09-01-p1.pdf', pdf: SAMPLE_SCAN, alto: null }]);
    expect(existsSync(SAMPLE_SCAN)).toBe(true);
  });

  it.skipIf(!existsSync(LOC_DIR))('adds the shared LoC pages with their ALTO, listing the sample once', () => {
    const pages = realScannedPages();
    expect(pages.filter((p) => p.name === 'evening-star-1918-09-01-p1.pdf')).toHaveLength(1);
    expect(pages.every((p) => p.alto)).toBe(true);
  });
});
