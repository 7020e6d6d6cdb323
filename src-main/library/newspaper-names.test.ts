import { describe, expect, it } from 'vitest';
import { newspaperIndex } from '../../core/newspaper-titles.ts';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { libraryNewspaperNames } from './newspaper-names.ts';
import { tempLibrary } from './testing/temp-library.ts';

describe('libraryNewspaperNames', () => {
  const lib = tempLibrary('broadsheet-newspaper-names-', 'test');

  it('names a title as `list` and the app do: the spelling imported first, even when another is commoner', async () => {
    const files = ['a', 'b', 'c'].map((s) => ({ name: `${s}.txt`, bytes: Buffer.from(`${s} page\n`) }));
    const ids = (await importFiles(lib.store, inThreadProcessor, files)).map((r) => r.id!);
    const set = lib.store.db.prepare("UPDATE documents SET newspaper = ?, lccn = 'sn83045462', metadata_source = 'mets', imported_at = ? WHERE id = ?");
    set.run('The Evening star', '2026-01-01T00:00:00.000Z', ids[0]);
    set.run('Evening star (Washington, D.C.)', '2026-01-02T00:00:00.000Z', ids[1]);
    set.run('Evening star (Washington, D.C.)', '2026-01-03T00:00:00.000Z', ids[2]);
    const list = lib.store.list();
    const asList = newspaperIndex(list);
    const asSearch = libraryNewspaperNames(lib.store);
    for (const d of list) expect(asSearch.nameOf(d)).toBe(asList.nameOf(d));
    expect(asSearch.nameOf(list.find((d) => d.id === ids[2])!)).toBe('The Evening star');
  });
});
