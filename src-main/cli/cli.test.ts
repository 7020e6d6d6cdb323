import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractJson } from '../../core/page-model.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'broadsheet');
const CJK = join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf');

function cli(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A syntactically valid PDF whose page tree is empty. */
function zeroPagePdf(): string {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return body + `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

describe('broadsheet CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    for (const command of ['serve', 'extract', 'import']) expect(r.stdout).toContain(command);
  });

  it('extract --json prints the schema 1 page model and touches no library', () => {
    const r = cli('extract', CJK, '--json');
    expect(r.status).toBe(0);
    const model = JSON.parse(r.stdout) as ExtractJson;
    expect(model.schema).toBe(1);
    expect(model.file).toBe('cjk-overprint.pdf');
    expect(model.sha256).toMatch(/^[a-f0-9]{64}$/);
    const [page] = model.pages;
    expect(page.width).toBeGreaterThan(0);
    expect(page.blocks.length).toBeGreaterThan(5);
    for (const b of page.blocks) {
      expect(b.id).toMatch(/^p1b\d+$/);
      expect(b.rects.length).toBeGreaterThan(0);
    }
    // The raw layer keeps the overprint; the cleaned text does not.
    const expected = JSON.parse(readFileSync(CJK.replace('.pdf', '.expected.json'), 'utf8'));
    const doubledBlock = expected.pages[0].blocks.find((b: { doubling: string; kind: string }) => b.doubling === 'run' && b.kind === 'paragraph');
    const firstLine: string = doubledBlock.lines[0].text;
    const cleaned = page.blocks.map((b) => b.text).join('');
    expect(cleaned).toContain(firstLine.replace(/\s/g, ''));
    expect(page.raw).toContain(firstLine + firstLine);
  });

  it('imports good files, names each bad one with its reason on one line, and exits non-zero', () => {
    const bad = {
      'random.pdf': Buffer.from('this is not a pdf at all, just words'),
      'truncated.pdf': readFileSync(CJK).subarray(0, 2000),
      'empty.pdf': Buffer.alloc(0),
      'zero-pages.pdf': Buffer.from(zeroPagePdf(), 'latin1'),
      'notes.docx': Buffer.from('PK\x03\x04'),
    };
    for (const [name, bytes] of Object.entries(bad)) writeFileSync(join(dir, name), bytes);
    copyFileSync(CJK, join(dir, 'good.pdf'));
    const library = join(dir, 'lib');
    const files = [...Object.keys(bad).map((n) => join(dir, n)), join(dir, 'good.pdf'), join(dir, 'missing.pdf'), join(ROOT, 'fixtures', 'pdf', 'encrypted.pdf')];
    const r = cli('import', '--library', library, ...files);
    // Once seen 0 under load: say what the CLI printed if it happens again.
    expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(1);
    const errors = r.stderr.trim().split('\n');
    const reasonOf = (file: string) => errors.find((l) => l.startsWith(`error: ${file}:`));
    expect(reasonOf('random.pdf')).toMatch(/not a PDF/);
    expect(reasonOf('truncated.pdf')).toMatch(/truncated or corrupt/);
    expect(reasonOf('empty.pdf')).toMatch(/empty file/);
    expect(reasonOf('zero-pages.pdf')).toMatch(/no pages/);
    expect(reasonOf('notes.docx')).toMatch(/unsupported file type/);
    expect(reasonOf('missing.pdf')).toMatch(/cannot read \(ENOENT\)/);
    expect(reasonOf('encrypted.pdf')).toMatch(/encrypted \(password required\)/);
    expect(errors).toHaveLength(7);
    expect(r.stdout).toMatch(/imported 1, already in library 0, failed 7/);

    const again = cli('import', '--library', library, join(dir, 'good.pdf'));
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/imported 0, already in library 1, failed 0/);
  });

  it('names what it skipped in a folder of ALTO/METS XML and exits non-zero: nothing was importable', () => {
    const folder = join(dir, 'alto-only');
    mkdirSync(folder);
    writeFileSync(join(folder, 'page-1.xml'), '<alto/>');
    const r = cli('import', '--library', join(dir, 'lib-alto'), folder);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^skipped: page-1\.xml: XML \(ALTO\/METS .*import the scan's PDF\)$/m);
    expect(r.stderr).toMatch(/nothing to import/);
    expect(r.stdout).toMatch(/imported 0, already in library 0, failed 0, skipped 1/);
  });

  it('rejects unknown commands and options with a one-line error', () => {
    const r = cli('import', '--libary', dir, CJK);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('broadsheet: unknown option --libary');
  });
});
