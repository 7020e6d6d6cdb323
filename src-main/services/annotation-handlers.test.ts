import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type EventName } from '../../core/contract.ts';
import type { PageModel } from '../../core/page-model.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from './event-bus.ts';
import { createHandlers } from './handlers.ts';

const CJK = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-overprint.pdf');

describe('annotation and correction requests through dispatch', () => {
  let dir: string;
  let store: LibraryStore;
  let id: string;
  const events: Array<[EventName, unknown]> = [];
  let call: (name: string, params: unknown) => ReturnType<typeof dispatch>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-anno-handlers-'));
    store = new LibraryStore(dir);
    const [imported] = await importFiles(store, inThreadProcessor, [{ name: 'cjk.pdf', bytes: readFileSync(CJK) }]);
    id = imported.id!;
    const bus = new EventBus();
    bus.subscribe((e, p) => events.push([e, p]));
    const handlers = createHandlers({ store, events: bus, processor: inThreadProcessor, host: 'browser', version: 'test' });
    call = (name, params) => dispatch(handlers, name, params);
  }, 60_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a correction changes what document.page returns and fires text.corrected for the search index', async () => {
    const page = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result;
    const block = page.blocks[2];
    await call('settings.set', { patch: { author: 'Ada Archivist' } });
    events.length = 0;
    const r = await call('corrections.set', { docId: id, page: 1, blockId: block.id, text: block.text + '!', reason: 'test' });
    expect(r.ok).toBe(true);
    expect(events).toEqual([['text.corrected', { id, page: 1, blockId: block.id }]]);
    const after = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result;
    expect(after.blocks[2]).toMatchObject({ text: block.text + '!', corrected: true });
    expect(after.items).toEqual(page.items); // the raw layer is untouched
    const h = (await call('corrections.history', { docId: id, page: 1, blockId: block.id })) as { ok: true; result: { versions: { author: string }[] } };
    expect(h.result.versions.map((v) => v.author)).toEqual(['Ada Archivist']);
  });

  it("a correction keeps its line breaks (a heading's printed lines), and saving it again unchanged records nothing", async () => {
    const block = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result.blocks[3];
    const text = `${block.text}\nsecond printed line`;
    expect((await call('corrections.set', { docId: id, page: 1, blockId: block.id, text })).ok).toBe(true);
    const after = ((await call('document.page', { id, page: 1 })) as { ok: true; result: PageModel }).result.blocks[3];
    expect(after.text).toBe(text);
    expect(await call('corrections.set', { docId: id, page: 1, blockId: block.id, text })).toEqual({ ok: false, error: 'the text is unchanged' });
    const h = (await call('corrections.history', { docId: id, page: 1, blockId: block.id })) as { ok: true; result: { versions: { text: string }[] } };
    expect(h.result.versions.map((v) => v.text)).toEqual([text]);
  });

  it('annotation changes fire annotations.changed; the creator is the author setting', async () => {
    events.length = 0;
    const r = (await call('annotations.create', { targets: [{ docId: id, page: 1, start: 0, end: 3 }], note: '', tags: ['a'], colour: 'yellow' })) as {
      ok: true;
      result: { id: string; creator: string };
    };
    expect(r.result.creator).toBe('Ada Archivist');
    expect(events).toEqual([['annotations.changed', { ids: [r.result.id] }]]);
  });

  it('exports for every input the app can send: either format, the library or one document, one without notes, one removed meanwhile', async () => {
    // The app sends docId only for the "This document" scope with a document open (AnnotationsPanel's exportAs);
    // a JSON body drops an undefined one. None of these may be refused: an export is read-only and always has an answer.
    const gone = 'e'.repeat(64);
    for (const format of ['w3c', 'csv'] as const)
      for (const params of [{ format }, { format, docId: undefined }, { format, docId: id }, { format, docId: gone }]) {
        const r = await call('annotations.export', JSON.parse(JSON.stringify(params)));
        expect(r.ok, JSON.stringify(params)).toBe(true);
        const file = (r as { ok: true; result: { fileName: string; text: string } }).result;
        expect(file.fileName).toBe(format === 'w3c' ? 'annotations.jsonld' : 'annotations.csv');
        // A removed document's scope is empty: no annotations, only the CSV's header row.
        if (params.docId === gone) expect(format === 'w3c' ? JSON.parse(file.text).total : file.text.split('\r\n').filter(Boolean).length).toBe(format === 'w3c' ? 0 : 1);
      }
  });

  it('refuses hostile or malformed params with one line, changing nothing', async () => {
    const before = await call('annotations.export', { format: 'w3c' });
    const bad: Array<[string, unknown, RegExp]> = [
      ['annotations.create', { targets: [{ docId: id, page: 1, start: 0, end: 999999 }], note: '', tags: [], colour: 'yellow' }, /outside the page text/],
      ['annotations.create', { targets: [{ docId: id, page: 1, start: 0, end: 3 }], note: '', tags: [], colour: 'red' }, /invalid colour/],
      ['annotations.create', { targets: [{ docId: id, page: 1, area: [5, 5, 5, 5] }], note: '', tags: [], colour: 'yellow' }, /area is empty/],
      ['annotations.create', { targets: [{ docId: 'f'.repeat(64), page: 1, start: 0, end: 3 }], note: '', tags: [], colour: 'yellow' }, /no document/],
      ['annotations.create', { targets: [], note: '', tags: [], colour: 'yellow' }, /invalid targets/],
      ['annotations.update', { id: 'not-a-uuid' }, /invalid id/],
      ['annotations.import', { text: '{"type":"Annotation"' }, /not JSON/],
      ['annotations.import', { text: 'x'.repeat(32 * 1024 * 1024 + 1) }, /invalid text/],
      ['corrections.set', { docId: id, page: 1, blockId: 'p1b0', text: 'two\n\nlines' }, /no blank lines/],
      ['corrections.set', { docId: id, page: 1, blockId: '../etc', text: 'x' }, /invalid blockId/],
      ['corrections.revert', { docId: id, page: 1, blockId: 'p1b2', toVersion: 9 }, /no version 9/],
    ];
    for (const [name, params, want] of bad) {
      const r = await call(name, params);
      expect(r.ok, name).toBe(false);
      expect((r as { error: string }).error, name).toMatch(want);
    }
    expect(await call('annotations.export', { format: 'w3c' })).toEqual(before);
  });
});
