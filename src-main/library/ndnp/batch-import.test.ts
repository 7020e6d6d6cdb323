import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibraryTree } from '../../../core/library-tree.ts';
import { generateNdnpBatch, type BatchPageTruth } from '../../../scripts/fixtures/ndnp-batch.ts';
import { importPaths } from '../import-paths.ts';
import { inThreadProcessor } from '../in-thread-processor.ts';
import { LibraryStore } from '../library-store.ts';
import type { ImportResult } from '../../../core/library-model.ts';

let dir: string;
let truth: BatchPageTruth[];
let store: LibraryStore;
let results: ImportResult[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ndnp-import-'));
  truth = await generateNdnpBatch(join(dir, 'in'), { issues: 50, pagesPerIssue: 8 });
  store = new LibraryStore(join(dir, 'lib'));
  results = await importPaths(store, inThreadProcessor, [join(dir, 'in')]);
}, 180_000);
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing an NDNP batch of 50 issues of 8 pages', () => {
  it('imports every page PDF, uses every METS and skips every image and the manifest, saying why', () => {
    const count = (s: string) => results.filter((r) => r.status === s).length;
    expect([count('imported'), count('failed'), count('duplicate')]).toEqual([400, 0, 0]);
    expect(count('skipped')).toBe(400 + 1);
    expect(count('used')).toBe(50);
  });

  it('reads every date, edition, page order, page number and LCCN right', () => {
    const byFile = new Map(truth.map((t) => [t.pdf, t]));
    const docs = store.list();
    expect(docs).toHaveLength(400);
    const imported = new Map(results.filter((r) => r.status === 'imported').map((r) => [r.id!, r.file]));
    for (const d of docs) {
      const t = byFile.get(imported.get(d.id)!)!;
      expect({ lccn: d.lccn, newspaper: d.newspaper, date: d.date, edition: d.edition, issue: d.issue, sequence: d.sequence, pageLabel: d.pageLabel, volume: d.volume, number: d.number }).toEqual({
        lccn: t.lccn,
        newspaper: t.title,
        date: t.date,
        edition: t.edition,
        issue: t.issue,
        sequence: t.sequence,
        pageLabel: t.pageNumber,
        volume: t.volume,
        number: t.number,
      });
    }
  });

  it('lays every page out from the ALTO its METS names (each boxes the words where its PDF draws them) and keeps that ALTO', () => {
    const docs = store.list();
    expect(docs.filter((d) => store.page(d.id, 1)!.layout !== 'alto').map((d) => d.fileName)).toEqual([]);
    expect(docs.filter((d) => store.layoutOriginal(d.id) === null).map((d) => d.fileName)).toEqual([]);
  });

  it('groups each issue’s pages in order under its title and year', () => {
    const tree = buildLibraryTree(store.list());
    expect(tree.map((t) => t.lccn).sort()).toEqual(['sn99000101', 'sn99000202']);
    const issues = tree.flatMap((t) => [...t.years.values()].flat());
    expect(issues).toHaveLength(50);
    const imported = new Map(results.filter((r) => r.status === 'imported').map((r) => [r.id!, r.file]));
    for (const issue of issues) {
      const want = truth.filter((t) => t.issue === issue.key).map((t) => t.pdf);
      expect(issue.pages.map((p) => imported.get(p.id))).toEqual(want);
    }
  });
});

describe('a title the archivist named', () => {
  it('names the pages of that LCCN imported later', async () => {
    const d = mkdtempSync(join(tmpdir(), 'ndnp-named-'));
    try {
      await generateNdnpBatch(join(d, 'in'), { issues: 1, pagesPerIssue: 2 });
      const s = new LibraryStore(join(d, 'lib'));
      s.renameTitle('sn99000101', 'Fixture Gazette (Testville)');
      await importPaths(s, inThreadProcessor, [join(d, 'in')]);
      expect(s.list().map((x) => [x.newspaper, x.metadataSource])).toEqual([['Fixture Gazette (Testville)', 'mets'], ['Fixture Gazette (Testville)', 'mets']]);
      s.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
