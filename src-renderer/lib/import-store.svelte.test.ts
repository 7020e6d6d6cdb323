import { expect, it } from 'vitest';
import type { ImportProgress, ImportResult } from '../../core/library-model.ts';
import { ImportStore } from './import-store.svelte.ts';

function importer(answer: (name: string) => ImportResult, maxBatchBytes = 64 * 1024 * 1024) {
  const log = { batches: [] as string[][], said: [] as string[], errors: [] as string[], refreshed: 0, progress: [] as (ImportProgress | null)[], done: [] as string[] };
  const store: ImportStore = new ImportStore({
    send: async (files) => {
      log.batches.push(files.map((f) => `${f.name}:${new TextDecoder().decode(f.data)}`));
      log.progress.push(store.progress);
      return files.map((f) => answer(f.name));
    },
    refresh: async () => void log.refreshed++,
    // After the refresh: the app opens (and the list shows) what the import brought.
    done: (results) => void log.done.push(`${log.refreshed}: ${results.map((r) => r.id ?? r.file).join(' ')}`),
    say: (s) => log.said.push(s),
    fail: (e) => log.errors.push((e as Error).message),
    maxBatchBytes,
  });
  return { store, log };
}

const ok = (name: string): ImportResult => ({ file: name, status: 'imported', id: name });

it('reads every file, sends them in batches under the limit, then says what happened and refreshes the library', async () => {
  const { store, log } = importer(ok, 8);
  const files = [new File(['abcdef'], 'a.pdf'), new File(['ghi'], 'b.txt'), new File(['j'], 'c.txt')];
  await store.importFiles(files);
  // The bytes as they are: 6 + 3 > 8, so a.pdf goes alone; 3 + 1 bytes: one batch.
  expect(log.batches).toEqual([['a.pdf:abcdef'], ['b.txt:ghi', 'c.txt:j']]);
  expect(log.progress.map((p) => p?.file)).toEqual(['Importing a.pdf', 'Importing 2 files']);
  expect(log.progress.map((p) => [p?.done, p?.total])).toEqual([
    [6, 10],
    [10, 10],
  ]);
  expect(log.said).toEqual(['Imported 3.']);
  expect(log.refreshed).toBe(1);
  expect(log.done).toEqual(['1: a.pdf b.txt c.txt']);
  expect(store.report).toBeNull();
  expect(store.progress).toBeNull();
});

it('lists every failure and skip once, the skipped files of a drop included', async () => {
  const { store, log } = importer((name) => (name === 'fake-scan.pdf' ? { file: name, status: 'failed', error: 'fake-scan.pdf: not a PDF (no %PDF- header)' } : ok(name)));
  const skipped: ImportResult[] = [{ file: 'p1.xml', status: 'skipped', error: 'p1.xml: ALTO/METS XML beside a scan' }];
  await store.importFiles([new File(['x'], 'fake-scan.pdf'), new File(['y'], 'good.pdf')], skipped);
  expect(store.report?.problems).toEqual(['Skipped p1.xml: ALTO/METS XML beside a scan', 'fake-scan.pdf: not a PDF (no %PDF- header)']);
  expect(store.report?.failed).toBe(1);
  expect(log.said[0]).toMatch(/^Imported 1, 1 failed, 1 skipped/);
});

it('with nothing to send, still names what was skipped, and sends nothing', async () => {
  const { store, log } = importer(ok);
  await store.importFiles([], [{ file: 'empty/', status: 'skipped', error: 'empty/: empty folder' }]);
  expect(log.batches).toEqual([]);
  expect(store.report?.problems).toEqual(['Skipped empty/: empty folder'])
  expect(log.said).toEqual(['Nothing imported: 1 skipped.']);
  expect(store.report?.serious).toBe(false);
});

it('reports a failed request in one line and clears the progress bar', async () => {
  const store = new ImportStore({
    send: () => Promise.reject(new Error('request too large')),
    refresh: async () => {},
    say: () => {},
    fail: (e) => errors.push((e as Error).message),
  });
  const errors: string[] = [];
  await store.importFiles([new File(['x'], 'a.pdf')]);
  expect(errors).toEqual(['request too large']);
  expect(store.progress).toBeNull();
});

it('follows the back end progress and drops the bar when it is done', () => {
  const { store } = importer(ok);
  store.onProgress({ batch: 'b1', done: 1, total: 3, file: 'a.pdf' });
  expect(store.progress?.file).toBe('a.pdf');
  store.onProgress({ batch: 'b1', done: 3, total: 3, file: 'c.pdf' });
  expect(store.progress).toBeNull();
});

function dragEvent(types: string[], relatedTarget: object | null = null) {
  const e = { dataTransfer: { types }, relatedTarget, prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
}

it('takes only drags that carry files, and says so when a drop holds nothing importable', async () => {
  const errors: string[] = [];
  const sent: string[] = [];
  const store = new ImportStore({
    send: async (files) => files.map((f) => (sent.push(f.name), ok(f.name))),
    refresh: async () => {},
    say: () => {},
    fail: (e) => errors.push((e as Error).message),
    drop: async () => ({ files: [], skipped: [] }),
  });
  const text = dragEvent(['text/plain']);
  store.dragover(text as unknown as DragEvent);
  expect([text.prevented, store.dragging]).toEqual([false, false]);
  const files = dragEvent(['Files']);
  store.dragover(files as unknown as DragEvent);
  expect([files.prevented, store.dragging]).toEqual([true, true]);
  store.dragleave(dragEvent(['Files'], {}) as unknown as DragEvent);
  expect(store.dragging).toBe(true);
  await store.drop(dragEvent(['Files']) as unknown as DragEvent);
  expect(store.dragging).toBe(false);
  expect(errors).toEqual(['Nothing to import: drop PDF or .txt files, or folders holding them.']);
  expect(sent).toEqual([]);
});
