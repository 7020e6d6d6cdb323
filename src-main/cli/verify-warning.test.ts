import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../library/import-paths.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore, sha256 } from '../library/library-store.ts';
import { cut, textPdf, withUpdate } from '../library/testing/tail-cut-pdf.ts';
import { verifyCommand } from './verify-command.ts';

/** A library holding a whole PDF and one whose last 2,000 bytes were gone when it was imported (import warned then). */
describe('verify of a library holding a PDF whose end is damaged', () => {
  let dir: string;
  let library: string;
  let damagedId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-verify-tailcut-'));
    library = join(dir, 'lib');
    const whole = withUpdate(await textPdf(false));
    const tailcut = cut(whole, 2000);
    damagedId = sha256(tailcut);
    writeFileSync(join(dir, 'whole.pdf'), whole);
    writeFileSync(join(dir, 'tailcut.pdf'), tailcut);
    const store = new LibraryStore(library);
    try {
      const results = await importPaths(store, inThreadProcessor, [join(dir, 'whole.pdf'), join(dir, 'tailcut.pdf')]);
      expect(results.map((r) => [r.status, r.warning])).toEqual([
        ['imported', undefined],
        ['imported', `${join(dir, 'tailcut.pdf')}: damaged end: an update after its last %%EOF is cut short; the pages were read from before it`],
      ]);
    } finally {
      store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async (...flags: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await verifyCommand.run({ values: { library, repair: flags.includes('--repair') || undefined }, positionals: [] }, { out: (s) => out.push(s), err: (s) => err.push(s), tty: false });
    return { status, out: out.join(''), err: err.join('') };
  };

  it('lists the warning import gave, one line naming the document, and still calls the library well (exit 0)', async () => {
    const r = await verify();
    expect(r.err).toBe(`warning: tailcut.pdf (${damagedId}): damaged end: an update after its last %%EOF is cut short; the pages were read from before it\n`);
    expect(r.out).toBe(`no problems: 2 documents, every original matches its fixity record; 1 warning (library: ${library})\n`);
    expect(r.status).toBe(0);
  });

  it('--repair leaves it as it is (its bytes are the ones imported) and still lists it', async () => {
    const r = await verify('--repair');
    expect(r.out).not.toContain('repaired:');
    expect(r.err).toBe(`warning: tailcut.pdf (${damagedId}): damaged end: an update after its last %%EOF is cut short; the pages were read from before it\n`);
    expect(r.status).toBe(0);
  });
});
