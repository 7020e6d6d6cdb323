import { describe, expect, it } from 'vitest';
import { importReport, skipReason } from './import-report.ts';

describe('skipReason', () => {
  it('imports PDFs and text dumps, and says why anything else is left out', () => {
    expect(skipReason('a/b/page.PDF')).toBeNull();
    expect(skipReason('dump.txt')).toBeNull();
    expect(skipReason('sn83045462/1918-09-01/ed-1/seq-1/ocr.xml')).toMatch(/^XML \(ALTO\/METS/);
    expect(skipReason('.DS_Store')).toBe('hidden file');
    expect(skipReason('notes.DOCX')).toBe('not a page file (.docx; Broadsheet imports .pdf and .txt)');
    expect(skipReason('README')).toBe('not a page file (no extension; Broadsheet imports .pdf and .txt)');
    // A batch's master images are named for what they are, as the CLI's batch import names them.
    expect(skipReason('b/i1/0001.JP2')).toBe('JP2 page image (Broadsheet imports the page’s PDF, not its image)');
    expect(skipReason('0001.tif')).toBe('TIFF page image (Broadsheet imports the page’s PDF, not its image)');
  });
});

describe('importReport', () => {
  it('lists every failure once, without naming the file twice', () => {
    const report = importReport([
      { file: 'fake-scan.pdf', status: 'failed', error: 'fake-scan.pdf: not a PDF (no %PDF- header)' },
      { file: 'empty.pdf', status: 'failed', error: 'empty.pdf: empty file' },
      { file: 'ok.pdf', status: 'imported', id: 'a'.repeat(64) },
      { file: 'old.pdf', status: 'duplicate', id: 'b'.repeat(64) },
      { file: 'fake-scan.pdf', status: 'failed', error: 'fake-scan.pdf: not a PDF (no %PDF- header)' },
      { file: 'mets.xml', status: 'skipped', error: 'mets.xml: XML (…)' },
    ]);
    expect(report.summary).toBe('Imported 1, 1 already in the library, 3 failed, 1 skipped.');
    expect(report.problems).toEqual(['fake-scan.pdf: not a PDF (no %PDF- header)', 'empty.pdf: empty file', 'Skipped mets.xml: XML (…)']);
    // A skipped file is no failure: the app shows it apart, in a neutral note, not in the red list.
    expect(report.failures).toEqual(['fake-scan.pdf: not a PDF (no %PDF- header)', 'empty.pdf: empty file']);
    expect(report.notes).toEqual(['Skipped mets.xml: XML (…)']);
  });

  it('tells a second copy of a file in the same import from one already in the library before it', () => {
    const report = importReport([
      { file: 'x/cjk-overprint.pdf', status: 'imported', id: 'a'.repeat(64) },
      { file: 'x/cjk-overprint-b.pdf', status: 'duplicate', id: 'a'.repeat(64) },
      { file: 'x/old.pdf', status: 'duplicate', id: 'b'.repeat(64) },
    ]);
    expect(report.summary).toBe('Imported 1, 1 already in the library, 1 copy of a file in this import.');
    expect(report.notes).toEqual(['x/cjk-overprint-b.pdf: same file as x/cjk-overprint.pdf in this import (kept once)']);
    expect(report.problems).toEqual(report.notes);
    expect(report.serious).toBe(false);
    // Only copies: nothing was in the library before, and the summary does not say otherwise.
    const copies = importReport([
      { file: 'a.pdf', status: 'duplicate', id: 'c'.repeat(64) },
      { file: 'b.pdf', status: 'imported', id: 'c'.repeat(64) },
      { file: 'c.pdf', status: 'duplicate', id: 'c'.repeat(64) },
    ]);
    expect(copies.summary).toBe('Imported 1, 2 copies of a file in this import.');
    expect(copies.notes).toEqual(['a.pdf: same file as b.pdf in this import (kept once)', 'c.pdf: same file as b.pdf in this import (kept once)']);
  });

  it('reports a METS read for its pages as used, once, and keeps "skipped" and the alert for what was left out or failed', () => {
    const mets = { file: 'b/i1/1918090101.xml', status: 'used' as const, note: 'b/i1/1918090101.xml: issue METS (read for dates and page order)' };
    const ok = importReport([mets, { file: 'b/i1/0001.pdf', status: 'imported', id: 'a'.repeat(64) }, mets]);
    expect(ok).toMatchObject({ summary: 'Imported 1, used 1 METS for dates and page order.', problems: [], used: 1, serious: false });
    const jp2 = importReport([mets, { file: 'b/i1/0001.pdf', status: 'imported', id: 'a'.repeat(64) }, { file: 'b/i1/0001.jp2', status: 'skipped', error: 'b/i1/0001.jp2: JP2 page image' }]);
    expect(jp2).toMatchObject({ summary: 'Imported 1, used 1 METS for dates and page order, 1 skipped.', problems: ['Skipped b/i1/0001.jp2: JP2 page image'], serious: false });
    expect(importReport([mets, { file: 'x.pdf', status: 'failed', error: 'x.pdf: empty file' }]).serious).toBe(true);
    expect(importReport([mets])).toMatchObject({ summary: 'Nothing imported: used 1 METS for dates and page order.', serious: false });
  });

  it('says when a re-import replaced guessed metadata with its METS, as the CLI does', () => {
    const id = 'b'.repeat(64);
    const report = importReport([
      { file: 'p1.pdf', status: 'duplicate', id, upgraded: true },
      { file: 'p1.mets.xml', status: 'used' },
    ]);
    expect(report.summary).toBe('1 already in the library, used 1 METS for dates and page order, 1 with newspaper and date now from its METS.');
  });

  it('counts documents a re-import laid out from their ALTO, and names one that kept its PDF layout, without an alert', () => {
    const id = 'b'.repeat(64);
    const report = importReport([
      { file: 'p1.pdf', status: 'duplicate', id, relaid: true, note: 'p1.pdf: its layout now comes from its ALTO' },
      { file: 'p2.pdf', status: 'duplicate', id, note: 'p2.pdf: its layout still comes from the PDF: rebuilding it from the ALTO would orphan 1 correction tied to its current blocks' },
    ]);
    expect(report.summary).toBe('2 already in the library, 1 now laid out from its ALTO.');
    expect(report.problems).toEqual(['p2.pdf: its layout still comes from the PDF: rebuilding it from the ALTO would orphan 1 correction tied to its current blocks']);
    expect(report.serious).toBe(false);
  });

  it('says "nothing imported" when everything was skipped, as a note naming each file and why, not an alert', () => {
    const alto = { file: 'p1.alto.xml', status: 'skipped' as const, error: "p1.alto.xml: XML (ALTO/METS OCR or metadata describes a scan, it is not a page: import the scan's PDF)" };
    expect(importReport([alto])).toMatchObject({
      summary: 'Nothing imported: 1 skipped.',
      failures: [],
      notes: ["Skipped p1.alto.xml: XML (ALTO/METS OCR or metadata describes a scan, it is not a page: import the scan's PDF)"],
      serious: false,
    });
    expect(importReport([{ file: 'x', status: 'skipped', error: 'x: empty folder' }])).toMatchObject({ summary: 'Nothing imported: 1 skipped.', serious: false });
    expect(importReport([]).summary).toBe('Nothing to import.');
  });

  it('drops zero counts: one file imported is "Imported 1."; nothing but failures says nothing was imported', () => {
    expect(importReport([{ file: 'a.pdf', status: 'imported', id: 'a'.repeat(64) }]).summary).toBe('Imported 1.');
    expect(importReport([{ file: 'a.pdf', status: 'failed', error: 'a.pdf: empty file' }])).toMatchObject({ summary: 'Nothing imported: 1 failed.', serious: true });
  });

  it('says skips that share a reason once, naming the first files, and leaves one or two as they are', () => {
    const jp2 = (n: number) => ({ file: `b/i${n}/0001.jp2`, status: 'skipped' as const, error: `b/i${n}/0001.jp2: not a page file (.jp2)` });
    const manifest = { file: 'b/batch.xml', status: 'skipped' as const, error: `b/batch.xml: ${skipReason('batch.xml')}` };
    const report = importReport([manifest, jp2(1), jp2(2), jp2(3), jp2(4), jp2(4)]);
    expect(report.summary).toBe('Nothing imported: 6 skipped.');
    expect(report.notes).toEqual([
      'Skipped b/batch.xml: NDNP batch manifest (its issues are read from their METS)',
      'Skipped 4 files: not a page file (.jp2) (b/i1/0001.jp2, b/i2/0001.jp2, b/i3/0001.jp2 and 1 more)',
    ]);
    expect(importReport([jp2(1), jp2(2)]).notes).toEqual(['Skipped b/i1/0001.jp2: not a page file (.jp2)', 'Skipped b/i2/0001.jp2: not a page file (.jp2)']);
  });

  it('keeps every file of a grouped skip line, once each, sorted by name (numbers by value): the line names three', () => {
    const json = (name: string) => ({ file: name, status: 'skipped' as const, error: `${name}: ${skipReason(name)}` });
    const names = ['p10.expected.json', 'b.json', 'p2.expected.json', 'A.json', 'c.json', 'p1.expected.json'];
    const report = importReport([...names.map(json), json('b.json'), json('lone.md')]);
    const line = `Skipped 6 files: ${skipReason('x.json')} (p10.expected.json, b.json, p2.expected.json and 3 more)`;
    expect(report.notes).toEqual([line, `Skipped lone.md: ${skipReason('lone.md')}`]);
    expect(report.skippedFiles).toEqual({ [line]: ['A.json', 'b.json', 'c.json', 'p1.expected.json', 'p2.expected.json', 'p10.expected.json'] });
  });
});
