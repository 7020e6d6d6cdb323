import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNdnpBatch, type BatchPageTruth } from '../../scripts/fixtures/ndnp-batch.ts';
import { importPaths } from '../library/import-paths.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { listEntry } from './list-command.ts';

let dir: string;
let truth: BatchPageTruth[];
let store: LibraryStore;
let files: Map<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-list-'));
  truth = await generateNdnpBatch(join(dir, 'in'), { issues: 3, pagesPerIssue: 3 });
  store = new LibraryStore(join(dir, 'lib'));
  const results = await importPaths(store, inThreadProcessor, [join(dir, 'in')]);
  files = new Map(results.filter((r) => r.status === 'imported').map((r) => [r.id!, r.file]));
}, 60_000);
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('list --json entries', () => {
  it('carry the LCCN, date, edition, issue key, sequence and page label of every page of a batch', () => {
    const byFile = new Map(truth.map((t) => [t.pdf, t]));
    const entries = store.list().map(listEntry);
    expect(entries).toHaveLength(truth.length);
    for (const e of entries) {
      const t = byFile.get(files.get(e.id)!)!;
      expect([e.file, e.lccn, e.date, e.edition, e.issue, e.sequence, e.pageLabel, e.metadataSource]).toEqual([
        t.pdf.split('/').pop(),
        t.lccn,
        t.date,
        t.edition,
        t.issue,
        t.sequence,
        t.pageNumber,
        'mets',
      ]);
    }
  });
});
