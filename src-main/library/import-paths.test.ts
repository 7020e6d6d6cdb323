import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFiles, importPaths } from './import-paths.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

describe('importPaths', () => {
  let dir: string;
  let store: LibraryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-paths-'));
    store = new LibraryStore(join(dir, 'lib'));
    mkdirSync(join(dir, 'in', 'b-folder'), { recursive: true });
    writeFileSync(join(dir, 'in', 'a.txt'), '来到大陈村来到大陈村\n');
    writeFileSync(join(dir, 'in', 'notes.docx'), 'not ours');
    writeFileSync(join(dir, 'in', 'b-folder', 'c.TXT'), '围绕中心服务大局\n');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rel = (paths: string[]) => paths.map((f) => f.slice(dir.length));

  it('expands folders into their .pdf/.txt files in a stable order, naming what it skips and why', () => {
    const { files, skipped } = collectFiles([join(dir, 'in')]);
    expect(rel(files)).toEqual(['/in/a.txt', '/in/b-folder/c.TXT']);
    expect(skipped.map((s) => s.error)).toEqual([`${join(dir, 'in', 'notes.docx')}: not a page file (.docx; Broadsheet imports .pdf and .txt)`]);
  });

  it('says what an empty folder or a folder of ALTO/METS XML holds instead of saying nothing', async () => {
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'alto'));
    writeFileSync(join(dir, 'alto', 'page-1.xml'), '<alto/>');
    writeFileSync(join(dir, 'alto', 'mets.xml'), '<mets/>');
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'empty'), join(dir, 'alto')]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['skipped', `${join(dir, 'empty')}: empty folder`],
      ['skipped', expect.stringMatching(/\/mets\.xml: XML \(ALTO\/METS/)],
      ['skipped', expect.stringMatching(/\/page-1\.xml: XML \(ALTO\/METS .*import the scan's PDF\)$/)],
    ]);
    expect(store.list()).toHaveLength(0);
  });

  it('skips an ALTO or METS file named alone, with the reason the app gives, and imports the page named beside it', async () => {
    writeFileSync(join(dir, 'p7.alto.xml'), '<alto/>');
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'p7.alto.xml'), join(dir, 'in', 'a.txt')]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['skipped', `${join(dir, 'p7.alto.xml')}: XML (ALTO/METS OCR or metadata describes a scan, it is not a page: import the scan's PDF)`],
      ['imported', undefined],
    ]);
  });

  it('imports what it can read, reports what it cannot, and counts progress per file', async () => {
    const progress: string[] = [];
    const missing = join(dir, 'missing.pdf');
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in'), missing], (done, total) => progress.push(`${done}/${total}`));
    expect(results.map((r) => r.status)).toEqual(['skipped', 'imported', 'imported', 'failed']);
    expect(results[3].error).toBe(`${missing}: no such file or folder`);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(store.list()).toHaveLength(2);
  });

  it('reports a dangling link in a folder and imports the rest of the folder', async () => {
    symlinkSync(join(dir, 'nowhere.pdf'), join(dir, 'in', 'a-dangling.pdf'));
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in')]);
    expect(results.map((r) => [r.file.slice(dir.length), r.status])).toEqual([
      ['/in/notes.docx', 'skipped'],
      ['/in/a-dangling.pdf', 'failed'],
      ['/in/a.txt', 'imported'],
      ['/in/b-folder/c.TXT', 'imported'],
    ]);
    expect(results[1].error).toMatch(/a-dangling\.pdf: dangling symbolic link/);
  });

  it('never walks out of the folder through a link to a parent, and walks each folder once', () => {
    writeFileSync(join(dir, 'outside.txt'), 'not in the folder\n');
    symlinkSync('..', join(dir, 'in', 'loop'));
    symlinkSync('.', join(dir, 'in', 'b-folder', 'self'));
    symlinkSync(join(dir, 'in', 'b-folder'), join(dir, 'in', 'again'));
    const { files, skipped } = collectFiles([join(dir, 'in')]);
    expect(rel(files)).toEqual(['/in/a.txt', '/in/again/c.TXT']);
    expect(skipped.map((s) => [s.file.slice(dir.length), s.status])).toEqual([
      ['/in/loop', 'skipped'],
      ['/in/notes.docx', 'skipped'],
    ]);
    expect(skipped[0].error).toMatch(/link to a folder outside .*: not followed/);
  });

  it('skips a FIFO named .pdf with its reason, without opening it', async () => {
    execFileSync('mkfifo', [join(dir, 'in', 'pipe.pdf')]);
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in'), join(dir, 'in', 'pipe.pdf')]);
    const pipes = results.filter((r) => r.file.endsWith('pipe.pdf'));
    expect(pipes).toHaveLength(2);
    for (const r of pipes) expect(r).toMatchObject({ status: 'skipped', error: expect.stringMatching(/pipe\.pdf: a FIFO: skipped$/) });
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(2);
  }, 10_000);

  it('refuses a text dump too large to handle in one line, and imports the files after it', async () => {
    const big = join(dir, 'in', 'a-huge.txt');
    execFileSync('truncate', ['-s', '300M', big]); // sparse: nothing is written or read
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in')]);
    expect(results.map((r) => r.status)).toEqual(['skipped', 'failed', 'imported', 'imported']);
    expect(results[1].error).toBe(`${big}: too large to import (300 MB; the limit is 256 MB)`);
  });
});
