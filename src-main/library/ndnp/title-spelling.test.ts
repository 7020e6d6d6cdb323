import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newspaperIndex } from '../../../core/newspaper-titles.ts';
import { generateNdnpBatch } from '../../../scripts/fixtures/ndnp-batch.ts';
import { importPaths } from '../import-paths.ts';
import { inThreadProcessor } from '../in-thread-processor.ts';
import { LibraryStore } from '../library-store.ts';

// One LCCN, two METS spellings, as the LoC's 1859 and 1918 issues of the Evening Star have them.
const LCCN = 'sn83045462';
const SHORT = 'The Evening star';
const LONG = 'Evening star (Washington, D.C.)';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'title-spelling-'));
  // One issue spelled SHORT; two spelled LONG (the commoner spelling, so a name by count would take it).
  await generateNdnpBatch(join(dir, 'short'), { issues: 1, pagesPerIssue: 1, seed: 1, titles: [{ lccn: LCCN, title: SHORT }] });
  await generateNdnpBatch(join(dir, 'long'), { issues: 2, pagesPerIssue: 1, seed: 2, titles: [{ lccn: LCCN, title: LONG }] });
  await generateNdnpBatch(join(dir, 'later'), { issues: 1, pagesPerIssue: 1, seed: 3, titles: [{ lccn: LCCN, title: SHORT }] });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function library(name: string, ...batches: string[]): Promise<LibraryStore> {
  const store = new LibraryStore(join(dir, name));
  for (const b of batches) await importPaths(store, inThreadProcessor, [join(dir, b)]);
  return store;
}

const titleName = (store: LibraryStore) => newspaperIndex(store.list()).titles().map((t) => [t.name, t.lccn]);

describe('the name of a newspaper whose METS spell it two ways', () => {
  it('is the spelling seen first, in either order of import, however many pages the other has', async () => {
    const shortFirst = await library('short-first', 'short', 'long');
    const longFirst = await library('long-first', 'long', 'short');
    try {
      expect(titleName(shortFirst)).toEqual([[SHORT, LCCN]]);
      expect(titleName(longFirst)).toEqual([[LONG, LCCN]]);
      // Each page keeps its own METS spelling (Details… shows it); only the name shown is one.
      expect(shortFirst.list().map((d) => d.newspaper).sort()).toEqual([LONG, LONG, SHORT].sort());
      const index = newspaperIndex(longFirst.list());
      expect(longFirst.list().map(index.nameOf)).toEqual([LONG, LONG, LONG]);
    } finally {
      shortFirst.close();
      longFirst.close();
    }
  });

  it('is the archivist’s once they named it: renameTitle marks the pages as theirs, and no later import renames them', async () => {
    const store = await library('renamed', 'long', 'short');
    try {
      expect(store.renameTitle(LCCN, 'Evening Star (Washington)')).toBe(3);
      expect(store.list().map((d) => d.metadataSource)).toEqual(['archivist', 'archivist', 'archivist']);
      await importPaths(store, inThreadProcessor, [join(dir, 'later')]);
      const docs = store.list();
      expect(docs).toHaveLength(4);
      // The page imported later takes the archivist's name over its METS's "The Evening star".
      expect(docs.map((d) => d.newspaper)).toEqual(Array(4).fill('Evening Star (Washington)'));
      expect(titleName(store)).toEqual([['Evening Star (Washington)', LCCN]]);
    } finally {
      store.close();
    }
  });
});
