import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNdnpBatch, type BatchPageTruth } from '../../scripts/fixtures/ndnp-batch.ts';
import { importPaths } from '../library/import-paths.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { listCommand, listEntry, type ListEntry } from './list-command.ts';

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
    const entries = store.list().map((d) => listEntry(d));
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

describe('list', () => {
  it('names each newspaper one way, as the app does, and keeps each page\'s own spelling in --json', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-list-spellings-'));
    try {
      // One LCCN whose issues' METS spell the title two ways (issues take them in turn: the first is the commonest).
      const titles = [
        { lccn: 'sn99000303', title: 'The Fixture Gazette' },
        { lccn: 'sn99000303', title: 'Fixture gazette (Testville, Minn.)' },
      ];
      await generateNdnpBatch(join(root, 'in'), { issues: 3, pagesPerIssue: 1, titles });
      const lib = new LibraryStore(join(root, 'lib'));
      await importPaths(lib, inThreadProcessor, [join(root, 'in')]);
      lib.close();
      const run = async (json: boolean) => {
        let out = '';
        const io = { out: (s: string) => (out += s), err: () => {}, tty: false };
        expect(await listCommand.run({ values: { library: join(root, 'lib'), json }, positionals: [] }, io)).toBe(0);
        return out;
      };
      const entries = JSON.parse(await run(true)) as ListEntry[];
      expect(new Set(entries.map((e) => e.newspaper))).toEqual(new Set(titles.map((t) => t.title)));
      expect(new Set(entries.map((e) => e.newspaperTitle))).toEqual(new Set(['The Fixture Gazette']));
      const lines = (await run(false)).trim().split('\n');
      expect(lines.length).toBe(entries.length);
      for (const line of lines) expect(line.split('\t')[2]).toBe('The Fixture Gazette');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
