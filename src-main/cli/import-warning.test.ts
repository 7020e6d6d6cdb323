import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { cut, textPdf, withUpdate } from '../library/testing/tail-cut-pdf.ts';
import { importCommand } from './import-command.ts';

describe('import of a PDF whose last 2,000 bytes are gone', () => {
  let dir: string;
  let store: LibraryStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-tailcut-'));
    store = new LibraryStore(join(dir, 'lib'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
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
