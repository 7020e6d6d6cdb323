import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNdnpBatch } from '../../scripts/fixtures/ndnp-batch.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { importPaths } from '../library/import-paths.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { SearchService } from '../search/search-service.ts';
import { searchCommand } from './search-command.ts';

// One LCCN whose issues' METS spell the title two ways (issues take them in turn: the first is the commonest).
const titles = [
  { lccn: 'sn99000303', title: 'The Fixture Gazette' },
  { lccn: 'sn99000303', title: 'Fixture gazette (Testville, Minn.)' },
];
let root: string;
let lib: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-title-names-'));
  lib = join(root, 'lib');
  await generateNdnpBatch(join(root, 'in'), { issues: 3, pagesPerIssue: 1, titles });
  const store = new LibraryStore(lib);
  await importPaths(store, inThreadProcessor, [join(root, 'in')]);
  new SearchService(store).close();
  store.close();
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A word every page has: the first of page 1's text, read from the library. */
function commonWord(): string {
  const store = new LibraryStore(lib);
  try {
    const words = store.list().map((d) => new Set(store.page(d.id, 1)!.blocks.flatMap((b) => b.text.split(/\W+/)).filter((w) => w.length > 3)));
    return [...words[0]].find((w) => words.every((s) => s.has(w)))!;
  } finally {
    store.close();
  }
}

async function search(json: boolean): Promise<string> {
  let out = '';
  const io = { out: (s: string) => (out += s), err: () => {}, tty: false };
  expect(await searchCommand.run({ values: { library: lib, json, limit: '50' }, positionals: [commonWord()] }, io)).toBe(0);
  return out;
}

describe('the CLI names a newspaper by its title, as list and the app do', () => {
  it('search: every hit line names "The Fixture Gazette"; --json has the page\'s own spelling beside it', async () => {
    const lines = (await search(false)).trim().split('\n');
    const hits = lines.slice(0, -1);
    expect(hits.length).toBeGreaterThanOrEqual(3);
    for (const line of hits) expect(line).toMatch(/^The Fixture Gazette \d{4}-\d\d-\d\d {2}p\./);
    const json = JSON.parse(await search(true)) as { hits: Array<{ newspaper: string; pageNewspaper: string }> };
    expect(new Set(json.hits.map((h) => h.newspaper))).toEqual(new Set(['The Fixture Gazette']));
    expect(new Set(json.hits.map((h) => h.pageNewspaper))).toEqual(new Set(titles.map((t) => t.title)));
  });

  it('annotations CSV: the newspaper column is the title, the last column each page\'s own spelling', () => {
    const store = new LibraryStore(lib);
    try {
      const service = new AnnotationService(store);
      for (const d of store.list()) service.create([{ docId: d.id, page: 1, start: 0, end: 4 }], { note: '', tags: [], colour: 'yellow' }, '');
      const rows = service.exportCsv().trim().split('\r\n').slice(1).map((r) => r.split(','));
      expect(rows).toHaveLength(store.list().length);
      expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['The Fixture Gazette']));
      // The own spelling with a comma is one quoted field: the row's end holds it.
      expect(new Set(rows.map((r) => r.slice(12).join(',')))).toEqual(new Set(['The Fixture Gazette', '"Fixture gazette (Testville, Minn.)"']));
    } finally {
      store.close();
    }
  });
});
