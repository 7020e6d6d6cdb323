import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReport } from '../../core/import-report.ts';
import { importCommand } from '../cli/import-command.ts';
import { importFiles } from './import-service.ts';
import { LibraryStore, sha256 } from './library-store.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { damagedPdfEnd } from './pdf-tail-check.ts';

/** Three pages of text whose last 2,000 bytes can go with the pages left whole: the cut takes the xref and trailer. */
async function textPdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 3; p++) {
    const page = doc.addPage([400, 600]);
    for (let line = 0; line < 30; line++) page.drawText(`Page ${p + 1} line ${line + 1}: the evening star`, { x: 20, y: 570 - line * 18, size: 10, font });
  }
  return doc.save({ useObjectStreams });
}

/**
 * The PDF with an incremental update appended (as an editor or a scanner's
 * OCR pass saves one): a padding object, its own xref, and a trailer whose
 * /Prev is the first. Cutting 2,000 bytes takes the update's xref, trailer
 * and %%EOF: pdf.js rebuilds from the first trailer and opens every page.
 */
function withUpdate(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  const at = text.length;
  const obj = `${size} 0 obj\n<< /Padding (${'x'.repeat(2500)}) >>\nendobj\n`;
  const xref = at + obj.length;
  const tail = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text + obj + tail, 'latin1'));
}

const cut = (bytes: Uint8Array, n: number) => bytes.slice(0, bytes.length - n);

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
  let dir: string;
  let store: LibraryStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-tailcut-'));
    store = new LibraryStore(dir);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports it, keeps its bytes, and says so as a warning (no failure); a whole PDF has none', async () => {
    const whole = withUpdate(await textPdf(false));
    expect(damagedPdfEnd(whole)).toBeNull();
    const tailcut = cut(whole, 2000);
    // Deeper cuts, into the first file's own xref, lose every %%EOF.
    expect(damagedPdfEnd(cut(whole, 2800))).toMatch(/^damaged end: no %%EOF in its last 1 KB/);
    const results = await importFiles(store, inThreadProcessor, [
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
    expect(store.page(sha256(tailcut), 3)).toBeTruthy();
    const report = importReport(results);
    expect(report.summary).toBe('Imported 2, 0 already in the library, 0 failed, 1 with a warning.');
    expect(report.problems).toEqual([`Warning: ${results[0].warning}`]);
    expect([report.serious, report.warned, report.failed]).toEqual([false, 1, 0]);
  });

  it('the CLI import says it in one line naming the file and the reason, and still counts it imported', async () => {
    const file = join(dir, 'cli-tailcut.pdf');
    const tailcut = cut(withUpdate(await textPdf(true)), 2000);
    writeFileSync(file, tailcut);
    const out: string[] = [];
    const err: string[] = [];
    const results = await importCommand(store, inThreadProcessor, [file], { out: (s) => out.push(s), err: (s) => err.push(s), tty: false });
    expect(results[0].status).toBe('imported');
    expect(err).toEqual([`broadsheet: warning: ${file}: damaged end: an update after its last %%EOF is cut short; the pages were read from before it\n`]);
    expect(out.join('')).toMatch(/^imported 1, already in library 0, failed 0 /);
  });
});
