import { describe, expect, it } from 'vitest';
import { importFiles, type PageProcessor } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { tempLibrary } from './testing/temp-library.ts';

/** Two workers where the first file given is the slowest: it finishes last. */
const slowFirst: PageProcessor = {
  concurrency: 2,
  async process(kind, data, onPage, opts) {
    if (new TextDecoder().decode(data).startsWith('first')) await new Promise((r) => setTimeout(r, 150));
    return inThreadProcessor.process(kind, data, onPage, opts);
  },
};

describe('a batch import', () => {
  const lib = tempLibrary('broadsheet-import-order-');

  it('dates its documents in the order the files were given, not the order their workers finished', async () => {
    const files = ['first', 'second', 'third', 'fourth'].map((w, i) => ({ name: `${i + 1}-${w}.txt`, bytes: Buffer.from(`${w} page of the batch\n`) }));
    const results = await importFiles(lib.store, slowFirst, files);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    // No tie to break: each file's time is later than the one given before it (queued-at.ts), whatever the clock did.
    const docs = lib.store.list({ sort: 'imported' });
    expect(docs.map((d) => d.fileName)).toEqual(['4-fourth.txt', '3-third.txt', '2-second.txt', '1-first.txt']);
    expect(new Set(docs.map((d) => d.importedAt)).size).toBe(4);
  });
});
