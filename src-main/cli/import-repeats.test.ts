import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { textPdf } from '../library/testing/tail-cut-pdf.ts';
import { importCommand } from './import-command.ts';

/** A new-user walk imported a folder holding two copies of one scan and was told the second was "already in library". */
describe('CLI import of a folder holding two copies of the same file', () => {
  let dir: string;
  let store: LibraryStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-repeats-'));
    store = new LibraryStore(join(dir, 'lib'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the second is the same file as the first in this import, and only a later import finds it already in the library', async () => {
    const folder = join(dir, 'x');
    mkdirSync(folder);
    writeFileSync(join(folder, 'page.pdf'), await textPdf(false));
    copyFileSync(join(folder, 'page.pdf'), join(folder, 'page-b.pdf'));
    const io = () => {
      const out: string[] = [];
      return { out, io: { out: (s: string) => void out.push(s), err: () => {}, tty: false } };
    };
    const first = io();
    const results = await importCommand(store, inThreadProcessor, [folder], first.io);
    const id = results.find((r) => r.status === 'imported')!.id!;
    const [a, b] = results.map((r) => r.file).sort();
    const copy = b === results.find((r) => r.status === 'imported')!.file ? a : b;
    const original = copy === a ? b : a;
    expect(first.out.join('')).toBe(
      `${copy}: same file as ${original} in this import (kept once) (${id})\n` +
        `imported 1, already in library 0, failed 0, 1 copy of a file in this import (library: ${store.dir})\n`,
    );
    const again = io();
    await importCommand(store, inThreadProcessor, [join(folder, 'page-b.pdf')], again.io);
    expect(again.out.join('')).toBe(`already in library: ${join(folder, 'page-b.pdf')} (${id})\nimported 0, already in library 1, failed 0 (library: ${store.dir})\n`);
  });
});
