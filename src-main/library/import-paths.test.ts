import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('expands folders into their .pdf/.txt files in a stable order, naming what it skips and why', () => {
    const { files, skipped } = collectFiles([join(dir, 'in')]);
    expect(files.map((f) => f.slice(dir.length))).toEqual(['/in/a.txt', '/in/b-folder/c.TXT']);
    expect(skipped.map((s) => s.error)).toEqual(['notes.docx: not a page file (.docx; Broadsheet imports .pdf and .txt)']);
  });

  it('says what an empty folder or a folder of ALTO/METS XML holds instead of saying nothing', async () => {
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'alto'));
    writeFileSync(join(dir, 'alto', 'page-1.xml'), '<alto/>');
    writeFileSync(join(dir, 'alto', 'mets.xml'), '<mets/>');
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'empty'), join(dir, 'alto')]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['skipped', 'empty: empty folder'],
      ['skipped', expect.stringMatching(/^mets\.xml: XML \(ALTO\/METS/)],
      ['skipped', expect.stringMatching(/^page-1\.xml: XML \(ALTO\/METS .*import the scan's PDF\)$/)],
    ]);
    expect(store.list()).toHaveLength(0);
  });

  it('imports what it can read, reports what it cannot, and counts progress per file', async () => {
    const progress: string[] = [];
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in'), join(dir, 'missing.pdf')], (done, total) => progress.push(`${done}/${total}`));
    expect(results.map((r) => r.status)).toEqual(['skipped', 'imported', 'imported', 'failed']);
    expect(results[3].error).toBe('missing.pdf: cannot read (ENOENT)');
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(store.list()).toHaveLength(2);
  });
});
