import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { columnRows, decodeLibraryColumns, type LibraryColumns } from '../../core/library-columns.ts';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { firstPageScan } from './first-page-scan.ts';
import { preparePreview } from './preview-route.ts';

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
  // The scan's was decided at import: it has one (made in the background, or by the host when asked), never "not known".
  expect(before['evening-star-1918-09-01-p1.pdf']).toBe('y');
  expect(Object.values(before)).not.toContain('?');
  expect([firstPageScan(services.store, ids['evening-star-1918-09-01-p1.pdf']), firstPageScan(services.store, ids['cjk-overprint.pdf']), firstPageScan(services.store, ids['notes.txt'])]).toEqual([true, false, null]);

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

it('serves a scan\'s first-page preview on the first request, made then if the background has not yet', async () => {
  const id = ids['evening-star-1918-09-01-p1.pdf'];
  // As if the background had not reached it: the list still says it has one, and the request makes it.
  rmSync(services.previews.pathOf(id, 1), { force: true });
  expect(services.previews.state(id, 1)).toBe('pending');
  expect(flags(await services.handlers['library.columns']({ sort: 'imported' }))['evening-star-1918-09-01-p1.pdf']).toBe('y');
  await preparePreview(services.previews, `/files/${id}/preview/1`);
  expect(services.previews.readyPath(id, 1)).not.toBeNull();
}, 60_000);

it('keeps the wait bounded: a hostile id or page is refused without work, a preview slower than the bound is not waited for', async () => {
  const made: string[] = [];
  const stub = { ensure: (id: string, n: number) => (made.push(`${id}:${n}`), new Promise<string | null>(() => {})) } as unknown as AppServices['previews'];
  // Not the exact shape: never reaches the service.
  for (const path of ['/files/../preview/1', `/files/${'a'.repeat(64)}/preview/0`, `/files/${'A'.repeat(64)}/preview/1`, `/files/${'a'.repeat(64)}/preview/1/x`]) await preparePreview(stub, path, 50);
  expect(made).toEqual([]);
  // A preview that never comes: answered when the bound passes (the request then gets its 404).
  let done = false;
  const waiting = preparePreview(stub, `/files/${'a'.repeat(64)}/preview/1`, 50).then(() => (done = true));
  await waiting;
  expect([done, made]).toEqual([true, [`${'a'.repeat(64)}:1`]]);
  // The real service refuses an id no document has, and a page past the last, without making anything.
  const unknown = 'b'.repeat(64);
  await preparePreview(services.previews, `/files/${unknown}/preview/1`);
  await preparePreview(services.previews, `/files/${ids['evening-star-1918-09-01-p1.pdf']}/preview/2`);
  expect([services.previews.state(unknown, 1), services.previews.readyPath(ids['evening-star-1918-09-01-p1.pdf'], 2)]).toEqual(['pending', null]);
});
