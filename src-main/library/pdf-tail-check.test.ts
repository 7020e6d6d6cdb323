import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../core/import-report.ts';
import { importFiles } from './import-service.ts';
import { sha256 } from './library-store.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { damagedPdfEnd, damagedPdfFileEnd } from './pdf-tail-check.ts';
import { cut, textPdf, withUpdate } from './testing/tail-cut-pdf.ts';
import { tempLibrary } from './testing/temp-library.ts';

describe('damagedPdfEnd', () => {
  it('finds nothing wrong with a whole PDF, with an xref table or an xref stream', async () => {
    expect(damagedPdfEnd(await textPdf(false))).toBeNull();
    expect(damagedPdfEnd(await textPdf(true))).toBeNull();
  });

  it('names a tail cut short (no %%EOF) and a startxref that points at no xref', async () => {
    const whole = await textPdf(false);
    expect(damagedPdfEnd(cut(whole, 2000))).toBe(
      'damaged end: no %%EOF in its last 1 KB (cut short?); the pages were read by rebuilding its cross-reference table',
    );
    const text = new TextDecoder('latin1').decode(whole);
    const offset = Number(/startxref\s+(\d+)/.exec(text)![1]);
    const moved = new Uint8Array(Buffer.from(text.replace(`startxref\n${offset}`, `startxref\n${offset - 40}`), 'latin1'));
    expect(damagedPdfEnd(moved)).toBe(`damaged end: its startxref (byte ${offset - 40}) does not point at a cross-reference table; the pages were read by rebuilding it`);
    const past = new Uint8Array(Buffer.from(text.replace(`startxref\n${offset}`, 'startxref\n99999999'), 'latin1'));
    expect(damagedPdfEnd(past)).toBe(`damaged end: its startxref points at byte 99999999, past its end (${past.length} bytes)`);
  });
});

describe('importing a PDF whose last 2,000 bytes are gone', () => {
  const lib = tempLibrary('broadsheet-tailcut-');

  it('imports it, keeps its bytes, and says so as a warning (no failure); a whole PDF has none', async () => {
    const whole = withUpdate(await textPdf(false));
    expect(damagedPdfEnd(whole)).toBeNull();
    const tailcut = cut(whole, 2000);
    // Deeper cuts, into the first file's own xref, lose every %%EOF.
    expect(damagedPdfEnd(cut(whole, 2800))).toMatch(/^damaged end: no %%EOF in its last 1 KB/);
    const results = await importFiles(lib.store, inThreadProcessor, [
      { name: 'tailcut.pdf', bytes: tailcut.slice() },
      { name: 'whole.pdf', bytes: whole.slice() },
    ]);
    expect(results).toEqual([
      {
        file: 'tailcut.pdf',
        status: 'imported',
        id: sha256(tailcut),
        warning: 'tailcut.pdf: damaged end: an update after its last %%EOF is cut short; the pages were read from before it',
      },
      { file: 'whole.pdf', status: 'imported', id: sha256(whole) },
    ]);
    expect(lib.store.page(sha256(tailcut), 3)).toBeTruthy();
    const report = importReport(results);
    expect(report.summary).toBe('Imported 2, 1 with a warning.');
    expect(report.problems).toEqual([`Warning: ${results[0].warning}`]);
    expect([report.serious, report.warned, report.failed]).toEqual([false, 1, 0]);
    expect([report.failures, report.notes]).toEqual([[], report.problems]);
  });

});

describe('damagedPdfFileEnd (verify reads only the tail of an original on disk)', () => {
  it('says what damagedPdfEnd says of the same bytes, whole or cut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-tailfile-'));
    try {
      const whole = withUpdate(await textPdf(true));
      const text = new TextDecoder('latin1').decode(await textPdf(false));
      const offset = Number(/startxref\s+(\d+)/.exec(text)![1]);
      const moved = new Uint8Array(Buffer.from(text.replace(`startxref\n${offset}`, `startxref\n${offset - 40}`), 'latin1'));
      const cases = [whole, cut(whole, 2000), cut(whole, 2800), moved, new Uint8Array(0)];
      const seen = cases.map((bytes, i) => {
        const file = join(dir, `${i}.pdf`);
        writeFileSync(file, bytes);
        return damagedPdfFileEnd(file);
      });
      expect(seen).toEqual(cases.map((b) => damagedPdfEnd(b)));
      expect(seen[0]).toBeNull();
      expect(seen.slice(1).every((s) => s?.startsWith('damaged end: '))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
