import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateNewspaperPdf } from '../../scripts/fixtures/newspaper-pdf.ts';
import { importFiles, type ImportInput, type PageProcessor } from './import-service.ts';
import { importPaths } from './import-paths.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore, sha256 } from './library-store.ts';
import { createProcessor } from './processor.ts';

/** Two "workers" and one file read ahead, as createProcessor's; records how many files it processed at once. */
function countingProcessor(): PageProcessor & { most: number } {
  let now = 0;
  const counting = {
    concurrency: 2,
    readAhead: 1,
    most: 0,
    async process(...args: Parameters<PageProcessor['process']>) {
      now++;
      counting.most = Math.max(counting.most, now);
      try {
        // Uneven work, so files finish out of their order.
        await new Promise((r) => setTimeout(r, 5 + (args[1][0] % 4) * 7));
        if (new TextDecoder().decode(args[1]).includes('BREAK')) throw new Error('the processor broke on this one');
        return await inThreadProcessor.process(...args);
      } finally {
        now--;
      }
    },
  };
  return counting;
}

const text = (i: number, extra = '') => new TextEncoder().encode(`${'abcd'[i % 4]} page of file ${i}${extra}\n\fsecond page of file ${i}\n`);

describe('a batch import with a file read ahead of the workers', () => {
  let dir: string;
  let store: LibraryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-read-ahead-'));
    store = new LibraryStore(join(dir, 'lib'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every result, in the order of the files given, and a failure stays with its own file', async () => {
    const processor = countingProcessor();
    const inputs: ImportInput[] = Array.from({ length: 9 }, (_, i) => ({ name: `f${i}.txt`, bytes: text(i, i === 4 ? ' BREAK' : '') }));
    const ids = inputs.map((input) => sha256(input.bytes));
    const results = await importFiles(store, processor, inputs);
    expect(results.map((r) => r.file)).toEqual(inputs.map((input) => input.name));
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'failed', 'imported', 'imported', 'imported', 'imported']);
    expect(results[4].error).toBe('f4.txt: the processor broke on this one');
    results.forEach((r, i) => i !== 4 && expect(r.id).toBe(ids[i]));
    // Two at work and one read ahead: three in the processor at most.
    expect(processor.most).toBe(3);
    expect(store.list().map((d) => d.id).sort()).toEqual(ids.filter((_, i) => i !== 4).sort());
    for (const id of ids.filter((_, i) => i !== 4)) expect(store.page(id, 2)!.blocks.map((b) => b.text).join(' ')).toMatch(/^second page of file \d$/);
  });

  it('from disk too: every file in order, an unreadable one failed with its reason', async () => {
    const processor = countingProcessor();
    const files = Array.from({ length: 7 }, (_, i) => join(dir, `p${i}.txt`));
    files.forEach((f, i) => i !== 3 && writeFileSync(f, text(i)));
    const results = await importPaths(store, processor, files);
    expect(results.map((r) => r.file)).toEqual(files);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'failed', 'imported', 'imported', 'imported']);
    expect(results[3].error).toMatch(/^.*p3\.txt: /);
    expect(processor.most).toBe(3);
    expect(store.list()).toHaveLength(6);
  });

  it('closing the pool mid-batch settles every file, the ones read ahead included: imported whole or failed with the reason', async () => {
    const processor = createProcessor({ workers: 2 });
    const inputs: ImportInput[] = [];
    for (let i = 0; i < 6; i++) inputs.push({ name: `n${i}.pdf`, bytes: (await generateNewspaperPdf({ pages: 2, seed: 40 + i })).pdf });
    let closing: Promise<void> | null = null;
    const results = await importFiles(store, processor, inputs, (p) => {
      if (p.page && !closing) closing = processor.close();
    });
    await closing;
    expect(results.map((r) => r.file)).toEqual(inputs.map((input) => input.name));
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.error).toMatch(/^n\d\.pdf: extract(ion)? pool closed|^n\d\.pdf: extract pool is closed/);
    const imported = results.filter((r) => r.status === 'imported');
    expect(store.list().map((d) => d.id).sort()).toEqual(imported.map((r) => r.id).sort());
    for (const r of imported) expect(store.page(r.id!, 2)).not.toBeNull();
  });
});
