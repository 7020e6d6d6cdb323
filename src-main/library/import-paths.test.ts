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

  it('expands folders into their .pdf/.txt files in a stable order, skipping other files', () => {
    expect(collectFiles([join(dir, 'in')]).map((f) => f.slice(dir.length))).toEqual(['/in/a.txt', '/in/b-folder/c.TXT']);
  });

  it('imports what it can read, reports what it cannot, and counts progress per file', async () => {
    const progress: string[] = [];
    const results = await importPaths(store, inThreadProcessor, [join(dir, 'in'), join(dir, 'missing.pdf')], (done, total) => progress.push(`${done}/${total}`));
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'failed']);
    expect(results[2].error).toBe('missing.pdf: cannot read (ENOENT)');
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(store.list()).toHaveLength(2);
  });
});
