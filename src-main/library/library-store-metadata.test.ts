import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawPage } from '../../core/page-model.ts';
import { LibraryStore } from './library-store.ts';

const raw: RawPage = { number: 1, width: 0, height: 0, images: [], items: [] };
const add = (store: LibraryStore, n: number) => {
  const id = n.toString(16).padStart(64, '0');
  const p = store.begin(id, 'text', `${n}.txt`, 1);
  p.addPage(raw, { blocks: [], edits: [], photos: [] });
  p.commit({ newspaper: 'Star', date: '1900-01-01', page: n, edition: '', title: '' });
  return id;
};

describe('the cached document list', () => {
  let dir: string;
  let a: LibraryStore;
  let b: LibraryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-list-cache-'));
    a = new LibraryStore(dir);
    b = new LibraryStore(dir);
  });
  afterEach(() => {
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reused while nothing changes, and never stale after a write here or in another process', () => {
    const first = add(a, 1);
    const once = a.list();
    expect(a.list()).toBe(once);
    a.updateMetadata(first, { newspaper: 'Evening Star' });
    expect(a.list().map((d) => d.newspaper)).toEqual(['Evening Star']);
    add(b, 2); // another connection, as another process importing
    expect(a.list().map((d) => d.page)).toEqual([1, 2]);
    expect(a.list({ sort: 'imported' })).toHaveLength(2);
  });

  it('lists summaries; the fixity record is for one document’s details', () => {
    const id = add(a, 3);
    expect(a.list()[0]).not.toHaveProperty('fixity');
    expect(a.get(id)!.fixity.digest).toBe(id);
  });
});

describe('the cached document list and settings', () => {
  it('survives a settings write, which changes no document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-list-cache-'));
    const store = new LibraryStore(dir);
    add(store, 1);
    const once = store.list();
    store.updateSettings({ zoom: 2 });
    expect(store.list()).toBe(once);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('naming a title once for its LCCN', () => {
  it('renames every page of the title in one go, and later imports take the name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-titles-'));
    const store = new LibraryStore(dir);
    const place = (lccn: string, n: number) => {
      const id = (1000 + n).toString(16).padStart(64, '0');
      const p = store.begin(id, 'text', `${n}.txt`, 1);
      p.addPage(raw, { blocks: [], edits: [], photos: [] });
      p.commit({ newspaper: 'The Evening star', date: '1859-02-21', page: n, edition: '01', title: '' }, { lccn, issue: `${lccn}/1859-02-21/01`, sequence: n, pageLabel: '', volume: '', number: '' });
    };
    place('sn83045462', 1);
    place('sn83045462', 2);
    place('sn99999999', 3);
    expect(store.renameTitle('sn83045462', 'Evening Star (Washington, D.C.)')).toBe(2);
    expect(store.list().map((d) => d.newspaper)).toEqual(['Evening Star (Washington, D.C.)', 'Evening Star (Washington, D.C.)', 'The Evening star']);
    expect(store.titleName('sn83045462')).toBe('Evening Star (Washington, D.C.)');
    expect(store.titleName('sn99999999')).toBe('');
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('metadata provenance and bulk editing', () => {
  it('marks imported metadata a guess until the archivist saves it, and edits many documents in one transaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bulk-'));
    const store = new LibraryStore(dir);
    const ids = [1, 2, 3].map((n) => add(store, n));
    expect(store.list().map((d) => d.metadataSource)).toEqual(['guess', 'guess', 'guess']);
    expect(store.updateMetadataOf(ids.slice(0, 2), { newspaper: 'Evening Star', date: '1918-09-01' })).toBe(2);
    expect(store.list().map((d) => [d.newspaper, d.date, d.metadataSource])).toEqual([
      ['Star', '1900-01-01', 'guess'],
      ['Evening Star', '1918-09-01', 'archivist'],
      ['Evening Star', '1918-09-01', 'archivist'],
    ]);
    // One unknown id refuses the whole change.
    expect(() => store.updateMetadataOf([ids[2], 'f'.repeat(64)], { newspaper: 'X' })).toThrow(/no document/);
    expect(store.get(ids[2])!.newspaper).toBe('Star');
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
