import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import { decodeLibraryColumns } from '../../core/library-columns.ts';
import type { RawPage } from '../../core/page-model.ts';
import { listColumns } from './library-columns-query.ts';
import { LibraryStore } from './library-store.ts';

let dir: string;
let store: LibraryStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'library-columns-'));
  store = new LibraryStore(dir);
  const raw: RawPage = { number: 1, width: 600, height: 800, images: [], items: [{ str: 'x', font: 'F1', size: 10, transform: [10, 0, 0, 10, 10, 10], rect: [10, 780, 20, 790], eol: true }] };
  const cleaned = cleanPage(raw);
  for (let i = 0; i < 30; i++) {
    const bytes = new TextEncoder().encode(`%PDF-1.4 doc ${i}`);
    const id = store.storeOriginal(bytes);
    const p = store.begin(id, 'pdf', `${i}.pdf`, bytes.length);
    p.addPage(raw, cleaned);
    // Many ties (same newspaper, date, edition and page): only the id orders them.
    p.commit({ newspaper: `Paper ${i % 3}`, date: i % 5 ? `1900-01-0${(i % 5) + 1}` : '', page: 1, edition: '01', title: `T${i}` });
  }
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('library.columns', () => {
  it('a window is the same rows as that slice of the whole list, cold or cached, with the total', () => {
    for (const sort of ['date', 'newspaper', 'title', 'imported'] as const) {
      // Cold: another sort was cached last, so the window comes from SQLite with LIMIT.
      const cold = listColumns(store, { sort, offset: 5, limit: 7 });
      const whole = store.list({ sort });
      expect(cold.total).toBe(30);
      expect(decodeLibraryColumns(cold)).toEqual(whole.slice(5, 12));
      // Cached: the same answer from the whole list.
      expect(decodeLibraryColumns(listColumns(store, { sort, offset: 5, limit: 7 }))).toEqual(whole.slice(5, 12));
      expect(decodeLibraryColumns(listColumns(store, { sort }))).toEqual(whole);
    }
  });

  it('filters like library.list, and without a sort takes the settings’ order', () => {
    const filtered = listColumns(store, { newspaper: 'Paper 1', dateFrom: '1900-01-03' });
    expect(decodeLibraryColumns(filtered)).toEqual(store.list({ newspaper: 'Paper 1', dateFrom: '1900-01-03', sort: 'date' }));
    store.updateSettings({ librarySort: 'title' });
    const cols = listColumns(store, { limit: 3 });
    expect(cols.sort).toBe('title');
    expect(decodeLibraryColumns(cols)).toEqual(store.list({ sort: 'title' }).slice(0, 3));
  });

  it('moves on with the documents_version counter', () => {
    const before = listColumns(store, { sort: 'date' });
    store.updateMetadata(store.list()[0].id, { newspaper: 'Renamed' });
    const after = listColumns(store, { sort: 'date' });
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.dict).toContain('Renamed');
  });
});
