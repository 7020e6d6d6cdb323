import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { columnRows, decodeLibraryColumns, type LibraryColumns } from '../../core/library-columns.ts';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';

const CJK = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-overprint.pdf');
const root = mkdtempSync(join(tmpdir(), 'broadsheet-first-previews-'));
let services: AppServices;
const ids: Record<string, string> = {};

beforeAll(async () => {
  services = await openAppServices({ libraryDir: join(root, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor });
  const results = await services.handlers['library.import']({
    files: [
      { name: 'evening-star-1918-09-01-p1.pdf', data: readFileSync(SAMPLE_SCAN) },
      { name: 'cjk-overprint.pdf', data: readFileSync(CJK) },
      { name: 'notes.txt', data: new TextEncoder().encode('围绕中心服务大局\n') },
    ],
  });
  for (const r of results) ids[r.file] = r.id!;
}, 120_000);

afterAll(async () => {
  await services?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Each document's flag, by file name. */
function flags(cols: LibraryColumns): Record<string, string> {
  expect(cols.previews).toHaveLength(columnRows(cols));
  return Object.fromEntries(decodeLibraryColumns(cols).map((d, i) => [d.fileName, cols.previews![i]]));
}

it('says which documents’ first pages have a preview, so the renderer asks only for those', async () => {
  const before = flags(await services.handlers['library.columns']({ sort: 'imported' }));
  // The typeset page's preview is drawn in the background (until then its thumbnail is pdf.js's: no 404s); a text dump has none.
  expect(before['cjk-overprint.pdf']).toBe('n');
  expect(before['notes.txt']).toBe('n');
  // The scan's is made in the background: unknown (the renderer asks, and the host makes it then) or made.
  expect(before['evening-star-1918-09-01-p1.pdf']).toMatch(/^[?y]$/);

  await services.previews.catchUp();
  await services.previews.idle();
  const after = flags(await services.handlers['library.columns']({ sort: 'imported' }));
  expect(after).toEqual({ 'evening-star-1918-09-01-p1.pdf': 'y', 'cjk-overprint.pdf': 'y', 'notes.txt': 'n' });
  expect(services.previews.state(ids['evening-star-1918-09-01-p1.pdf'], 1)).toBe('ready');
  expect(services.previews.state(ids['cjk-overprint.pdf'], 1)).toBe('ready');

  // The first screenful carries them too, for its rows only.
  const window = await services.handlers['library.columns']({ sort: 'imported', limit: 2 });
  expect(window.previews).toHaveLength(2);
  expect(window.total).toBe(3);
}, 120_000);
