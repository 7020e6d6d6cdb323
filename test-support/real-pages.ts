import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedDir } from './shared-dir.ts';

const root = resolve(import.meta.dirname, '..');

const SHARED = sharedDir(root);

/** The shared Library of Congress scans (PDF + ALTO + METS), present only on our machines. */
export const LOC_DIR = join(SHARED, 'pdfs', 'loc');

/** A real scanned page committed to the repository: CI always has it. */
export const SAMPLE_SCAN = join(root, 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf');

export interface RealPage {
  name: string;
  pdf: string;
  /** The OCR engine's ALTO XML for the page, where we have it (not committed: 1.1 MB). */
  alto: string | null;
}

/**
 * Every real scanned page the tests can read: the committed sample always,
 * and the LoC set from ../shared where it exists (the sample is one of them:
 * listed once, with its ALTO when shared has it).
 */
export function realScannedPages(locDir = LOC_DIR): RealPage[] {
  const pages = new Map<string, RealPage>();
  pages.set('evening-star-1918-09-01-p1.pdf', { name: 'evening-star-1918-09-01-p1.pdf', pdf: SAMPLE_SCAN, alto: null });
  if (existsSync(locDir)) {
    for (const f of readdirSync(locDir).filter((n) => n.endsWith('.pdf')).sort()) {
      const alto = join(locDir, f.replace(/\.pdf$/, '.alto.xml'));
      pages.set(f, { name: f, pdf: join(locDir, f), alto: existsSync(alto) ? alto : null });
    }
  } else console.log(`${locDir} is absent: real-page tests run on the committed sample only (no ALTO comparison)`);
  return [...pages.values()];
}
