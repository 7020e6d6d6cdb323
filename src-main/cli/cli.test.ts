import { spawnSync } from 'node:child_process';
import { displayWidth } from './help-text.ts';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractJson } from '../../core/page-model.ts';
import { LOC_DIR } from '../../test-support/real-pages.ts';
import { ROOT, CLI, CJK, cli } from './testing/run-cli.ts';

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

const haveLocMets = existsSync(join(LOC_DIR, 'evening-star-1870-03-15-p1.mets.xml'));
if (!haveLocMets) console.log(`cli: ${LOC_DIR} is absent (it exists only on the project's machines); the single LoC page + METS import check is skipped`);

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

  it('extract --json prints the schema 2 page model and touches no library', () => {
    const r = cli('extract', CJK, '--json');
    expect(r.status).toBe(0);
    const model = JSON.parse(r.stdout) as ExtractJson;
    expect(model.schema).toBe(2);
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
    // Photos: rect, the caption's block id, scored links best first.
    expect(page.photos).toHaveLength(2);
    const ids = new Set(page.blocks.map((b) => b.id));
    for (const photo of page.photos) {
      expect(photo.id).toMatch(/^p1i\d+$/);
      expect(ids.has(photo.caption!)).toBe(true);
      expect(page.blocks.find((b) => b.id === photo.caption)!.kind).toBe('caption');
      expect(photo.links.length).toBeGreaterThan(0);
      for (const l of photo.links) {
        expect(ids.has(l.block)).toBe(true);
        expect(l.score).toBeGreaterThan(0);
        expect(l.score).toBeLessThanOrEqual(1);
      }
    }
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
    // Each error names the path as given on the command line.
    const reasonOf = (file: string) => errors.find((l) => l.startsWith(`broadsheet: ${files.find((f) => f.endsWith('/' + file))}:`));
    expect(reasonOf('random.pdf')).toMatch(/not a PDF/);
    // One clean line: pdf.js's "Invalid PDF structure." / "No password given" only repeated the reason.
    expect(reasonOf('truncated.pdf')).toBe(`broadsheet: ${join(dir, 'truncated.pdf')}: truncated or corrupt PDF`);
    expect(reasonOf('empty.pdf')).toMatch(/empty file/);
    expect(reasonOf('zero-pages.pdf')).toMatch(/no pages/);
    expect(reasonOf('notes.docx')).toMatch(/unsupported file type/);
    expect(reasonOf('missing.pdf')).toMatch(/: no such file or folder$/);
    expect(reasonOf('encrypted.pdf')).toBe(`broadsheet: ${join(ROOT, 'fixtures', 'pdf', 'encrypted.pdf')}: encrypted (password required)`);
    expect(errors).toHaveLength(7);
    expect(r.stdout).toMatch(/imported 1, already in library 0, failed 7/);

    const again = cli('import', '--library', library, join(dir, 'good.pdf'));
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/imported 0, already in library 1, failed 0/);
    // The summary names the duplicate, with the id it already has.
    expect(again.stdout).toContain(`already in library: ${join(dir, 'good.pdf')} (`);
  });

  it('extract and import say a bad file the same way: "broadsheet: FILE: reason", exit 1', () => {
    const file = join(dir, 'notpdf.pdf');
    writeFileSync(file, 'hello');
    const extracted = cli('extract', file);
    const imported = cli('import', '--library', join(dir, 'lib-notpdf'), file);
    const line = `broadsheet: ${file}: not a PDF (no %PDF- header)\n`;
    expect([extracted.status, extracted.stderr]).toEqual([1, line]);
    expect([imported.status, imported.stderr]).toEqual([1, line]);
  });

  it('names what it skipped in a folder of ALTO/METS XML, and why, as a note: skipping is no failure (exit 0)', () => {
    const folder = join(dir, 'alto-only');
    mkdirSync(folder);
    writeFileSync(join(folder, 'page-1.xml'), '<alto/>');
    const r = cli('import', '--library', join(dir, 'lib-alto'), folder);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^skipped: .*\/page-1\.xml: XML \(ALTO\/METS .*import the scan's PDF\)$/m);
    expect(r.stderr).not.toMatch(/error|broadsheet:/);
    expect(r.stdout).toMatch(/^nothing imported: no \.pdf or \.txt file in what was given \(each skipped file is named, with its reason, on standard error\)$/m);
    expect(r.stdout).toMatch(/imported 0, already in library 0, failed 0, skipped 1/);
  });

  it.skipIf(!haveLocMets)(
    'imports one LoC page with the METS beside it, says the METS was used, and upgrades a guessed copy',
    () => {
      const library = join(dir, 'lib-mets');
      const alone = join(dir, 'alone');
      mkdirSync(alone);
      copyFileSync(join(LOC_DIR, 'evening-star-1870-03-15-p1.pdf'), join(alone, 'evening-star-1870-03-15-p1.pdf'));
      expect(cli('import', '--library', library, join(alone, 'evening-star-1870-03-15-p1.pdf')).stdout).toMatch(/^imported 1, already in library 0, failed 0 \(/m);
      const r = cli('import', '--library', library, join(LOC_DIR, 'evening-star-1870-03-15-p1.pdf'));
      expect(r.status).toBe(0);
      expect(r.stderr).not.toMatch(/skipped/);
      expect(r.stdout).toMatch(/; its newspaper and date now come from its METS$/m);
      expect(r.stdout).toMatch(/^imported 0, already in library 1, failed 0, used 1 METS for dates and page order \(/m);
      const [doc] = JSON.parse(cli('list', '--library', library, '--json').stdout) as Array<{ newspaper: string; lccn: string; metadataSource: string }>;
      expect(doc).toMatchObject({ newspaper: 'The Evening star', lccn: 'sn83045462', metadataSource: 'mets' });
    },
  );

  it('rejects unknown commands and options with a one-line error', () => {
    const r = cli('import', '--libary', dir, CJK);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('broadsheet: unknown option --libary (see broadsheet import --help)');
    const u = cli('frobnicate');
    expect(u.status).toBe(2);
    expect(u.stderr.trim()).toBe('broadsheet: unknown command "frobnicate" (see broadsheet --help)');
  });

  it.each([
    ['serve', '--help'],
    ['serve', '-h'],
    ['import', '--help'],
    ['extract', '--help'],
    ['help', 'serve'],
    ['list', '-h'],
    ['verify', '--help'],
    ['remove', '--help'],
  ])('%s %s prints that command\'s help and exits', (a, b) => {
    const command = a === 'help' ? b : a;
    // A server that started would never exit: spawnSync's timeout would fail this.
    const r = spawnSync(CLI, [a, b], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: broadsheet ${command} `));
    expect(r.stdout).toContain('-h, --help');
  });

  it('wraps every help screen to 80 columns when piped (the new-user walk saw lines of 180)', () => {
    const screens = [['--help'], ...['serve', 'import', 'extract', 'search', 'list', 'verify', 'remove', 'annotations', 'text', 'article'].map((c) => ['help', c])];
    for (const args of screens) {
      const r = spawnSync(CLI, args, { encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(0);
      const wide = r.stdout.split('\n').filter((l) => displayWidth(l) > 80);
      expect(wide, args.join(' ')).toEqual([]);
    }
    // Nothing is lost to wrapping: every command is still listed, with its summary.
    const top = cli('--help').stdout.replace(/\s+/g, ' ');
    expect(top).toContain('annotations export|import [--library DIR] [--format w3c|csv] [--out FILE] [--doc ID] [FILE]');
    expect(top).toContain("help [COMMAND] this text, or one command's help");
  });

  it('lists, verifies and removes documents, and escapes control characters in file names', () => {
    const library = join(dir, 'archive');
    const evil = join(dir, 'evil\nerror: forged\u001b[2J.txt');
    writeFileSync(evil, '围绕中心服务大局\n');
    copyFileSync(CJK, join(dir, 'cjk.pdf'));
    expect(cli('import', '--library', library, join(dir, 'cjk.pdf'), evil).status).toBe(0);

    const listed = cli('list', '--library', library);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(listed.stdout).toContain('evil\\nerror: forged\\u{1b}[2J.txt');
    expect(listed.stdout).not.toContain('\u001b');

    const json = JSON.parse(cli('list', '--library', library, '--json').stdout) as Array<{ id: string; file: string; pages: number; newspaper: string; date: string }>;
    expect(json.map((d) => d.file).sort()).toEqual(['cjk.pdf', 'evil\nerror: forged\u001b[2J.txt']);
    for (const d of json) {
      expect(d.id).toMatch(/^[a-f0-9]{64}$/);
      expect(d.pages).toBe(1);
      expect(typeof d.newspaper).toBe('string');
      expect(typeof d.date).toBe('string');
    }

    const verified = cli('verify', '--library', library);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^all well: 2 documents/);
    expect(verified.status).toBe(0);

    const cjk = json.find((d) => d.file === 'cjk.pdf')!;
    const removed = cli('remove', '--library', library, cjk.id, 'f'.repeat(64));
    expect(removed.status).toBe(1);
    expect(removed.stdout).toContain(`removed ${cjk.id} cjk.pdf`);
    expect(removed.stderr.trim()).toBe(`broadsheet: ${'f'.repeat(64)}: no such document in ${library}`);
    expect(JSON.parse(cli('list', '--library', library, '--json').stdout)).toHaveLength(1);
    expect(cli('verify', '--library', library).status).toBe(0);
    // Its original went with it, so importing it again is a fresh import.
    expect(cli('import', '--library', library, join(dir, 'cjk.pdf')).stdout).toMatch(/imported 1, already in library 0/);

    expect(cli('remove', '--library', library, 'nonsense').stderr.trim()).toMatch(/^broadsheet: not a document id: nonsense/);
    const nowhere = cli('list', '--library', join(dir, 'no-such-library'));
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toBe(
      `broadsheet: no library at ${join(dir, 'no-such-library')} (it has no library.sqlite); to make one, import into it: broadsheet import --library ${join(dir, 'no-such-library')} FILE|FOLDER…\n`,
    );
    const spaced = cli('list', '--library', join(dir, "Jo's library"));
    expect(spaced.stderr).toBe(
      `broadsheet: no library at ${join(dir, "Jo's library")} (it has no library.sqlite); to make one, import into it: broadsheet import --library '${join(dir, "Jo'\\''s library")}' FILE|FOLDER…\n`,
    );
  });

  it('verify names each problem on its own line and exits non-zero: a damaged original, a missing page, a stray original', () => {
    const library = join(dir, 'damaged');
    copyFileSync(CJK, join(dir, 'cjk2.pdf'));
    writeFileSync(join(dir, 'two.txt'), '来到大陈村来到大陈村\n');
    expect(cli('import', '--library', library, join(dir, 'cjk2.pdf'), join(dir, 'two.txt')).status).toBe(0);
    const [pdf, txt] = ['cjk2.pdf', 'two.txt'].map((f) =>
      (JSON.parse(cli('list', '--library', library, '--json').stdout) as Array<{ id: string; file: string }>).find((d) => d.file === f)!.id,
    );
    const object = (id: string) => join(library, 'objects', id.slice(0, 2), id);
    chmodSync(object(pdf), 0o644);
    const bytes = readFileSync(object(pdf));
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(object(pdf), bytes);
    const db = new DatabaseSync(join(library, 'library.sqlite'));
    db.prepare('UPDATE documents SET page_count = 2 WHERE id = ?').run(txt);
    db.close();
    const strayId = 'ab'.repeat(32);
    mkdirSync(join(library, 'objects', 'ab'), { recursive: true });
    writeFileSync(object(strayId), 'stray');
    const r = cli('verify', '--library', library);
    expect(r.status).toBe(1);
    const problems = r.stderr.trim().split('\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^problem: cjk2\\.pdf \\(${pdf}\\): original damaged: its SHA-256 is now [a-f0-9]{64}, the fixity record says ${pdf}$`)),
        `problem: two.txt (${txt}): pages missing: 1 of 2 stored (verify --repair rebuilds them from the original)`,
        `problem: objects/ab/${strayId}: original that belongs to no document (verify --repair deletes it)`,
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(r.stdout).toMatch(/3 problems in 2 documents/);
    // --repair deletes the stray original and rebuilds the pages from the intact original; a damaged original it only reports.
    const repaired = cli('verify', '--library', library, '--repair');
    expect(repaired.stdout).toContain('repaired: deleted 1 original that belonged to no document');
    expect(repaired.stdout).toContain(`repaired: rebuilt the pages of two.txt (${txt}) from its original: 1 page`);
    expect(repaired.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^problem: cjk2\.pdf .*original damaged/)]);
    expect(repaired.status).toBe(1);
  });
});
