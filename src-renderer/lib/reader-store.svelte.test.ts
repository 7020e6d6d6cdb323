import { expect, it } from 'vitest';
import { NO_PLACEMENT, type DocumentSummary } from '../../core/library-model.ts';
import type { Block } from '../../core/page-model.ts';
import type { ReaderPage } from './page-loader.ts';
import { ReaderStore, type ReaderBackend } from './reader-store.svelte.ts';

const summary = (id: string, over: Partial<DocumentSummary> = {}): DocumentSummary => ({
  ...NO_PLACEMENT,
  ...{ id, sha256: id, kind: 'pdf', fileName: `${id}.pdf`, pageCount: 3, importedAt: '', metadataSource: 'guess' },
  ...{ newspaper: 'Gazette', date: '1901-02-03', page: null, edition: '', title: '', language: '' },
  ...over,
});
const block = (page: number, k: number, text: string, kind: Block['kind'] = 'paragraph'): Block => ({ id: `p${page}b${k}`, kind, text, rects: [], map: [] });
const pageOf = (id: string, n: number): ReaderPage => ({
  docId: id,
  preview: 'none',
  wireChars: 0,
  number: n,
  width: 600,
  height: 800,
  items: [],
  images: [],
  blocks: [block(n, 0, `${id} page ${n} heading`, 'headline'), block(n, 1, 'First story.'), block(n, 2, 'Second story.')],
  edits: [],
  photos: [{ id: `p${n}i0`, rect: [0, 0, 10, 10], caption: null, links: [{ block: `p${n}b2`, score: 0.8 }, { block: `p${n}b1`, score: 0.5 }] }],
});

/** A reader over `docs`; `page` stands in for the host's page reads (default: `pageOf`, each after its `delays` entry). */
function reader(docs = [summary('a'), summary('b')], delays: Record<string, number> = {}, page?: (d: DocumentSummary, n: number) => ReaderPage) {
  const opened: string[] = [];
  const errors: string[] = [];
  const forgotten: Array<string | null> = [];
  const backend: ReaderBackend = {
    summary: async (id) => docs.find((d) => d.id === id) ?? Promise.reject(new Error(`${id}: no such document`)),
    page: (d, n) => new Promise((r) => setTimeout(() => r(page ? page(d, n) : pageOf(d.id, n)), delays[`${d.id}:${n}`] ?? 0)),
    library: () => docs,
    forget: (id) => forgotten.push(id),
    opened: (d, n) => opened.push(`${d.id}:${n}`),
    fail: (e) => errors.push((e as Error).message),
  };
  return { r: new ReaderStore(backend), opened, errors, forgotten };
}

it('opens a page, clamped to the document, with nothing chosen on it', async () => {
  const { r, opened } = reader();
  await r.open('a', 9);
  expect([r.doc?.id, r.pageNum, r.model?.number]).toEqual(['a', 3, 3]);
  expect(opened).toEqual(['a:3']);
  r.pick('p3b1');
  r.photoId = 'p3i0';
  await r.open('a', 1);
  expect([r.activeId, r.chosenBlock, r.photoId, r.focusId]).toEqual([null, null, null, null]);
  expect(r.settled).toBe(true);
});

it('shows the page asked for last, however the answers arrive', async () => {
  const { r, opened } = reader(undefined, { 'a:1': 30 });
  const slow = r.open('a', 1);
  const fast = r.open('b', 2);
  expect(r.settled).toBe(false);
  await Promise.all([slow, fast]);
  expect([r.doc?.id, r.pageNum]).toEqual(['b', 2]);
  expect(opened).toEqual(['b:2']);
  expect(r.shows('b', 2)).toBe(true);
});

it('reports a document it cannot open and keeps the page shown', async () => {
  const { r, errors } = reader();
  await r.open('a', 2);
  await r.open('zz');
  expect(errors).toEqual(['zz: no such document']);
  expect([r.doc?.id, r.pageNum]).toEqual(['a', 2]);
});

it('pages on past the end of a file into the next file of its issue', async () => {
  const docs = [summary('a', { issue: 'i', sequence: 1, pageCount: 2 }), summary('b', { issue: 'i', sequence: 2, pageCount: 4 })];
  const { r } = reader(docs);
  await r.open('a', 2);
  r.gotoPage(3);
  await new Promise((ok) => setTimeout(ok, 10));
  expect([r.doc?.id, r.pageNum]).toEqual(['b', 1]);
  r.gotoPage(0);
  await new Promise((ok) => setTimeout(ok, 10));
  expect([r.doc?.id, r.pageNum]).toEqual(['a', 2]);
});

it('steps through the blocks in reading order and stops at either end', async () => {
  const { r } = reader();
  await r.open('a');
  expect(r.step(-1)).toBe('p1b2');
  expect(r.step(1)).toBe('p1b2');
  r.clearChoice();
  expect(r.step(1)).toBe('p1b0');
  expect(r.step(1)).toBe('p1b1');
  expect([r.activeId, r.chosenBlock, r.currentBlock?.text]).toEqual(['p1b1', 'p1b1', 'First story.']);
});

it('ranks the chosen photo’s links and follows a link to another page', async () => {
  const { r } = reader();
  await r.open('a', 1);
  r.photoId = 'p1i0';
  expect([...r.photoLinks]).toEqual([
    ['p1b2', { rank: 1, score: 0.8, weak: false }],
    ['p1b1', { rank: 2, score: 0.5, weak: false }],
  ]);
  await r.showBlock('p2b1');
  expect([r.pageNum, r.activeId]).toEqual([2, 'p2b1']);
  await r.showPhoto('p3i0');
  expect([r.pageNum, r.selectedPhoto?.id]).toEqual([3, 'p3i0']);
});

it('takes a corrected block in place, and reads the page language from its text unless the archivist set one', async () => {
  const { r } = reader([summary('a'), summary('zh', { language: '' }), summary('set', { language: 'zh-Hant' })]);
  await r.open('a');
  expect(r.lang).toBe('en');
  r.replaceBlock({ ...block(1, 1, 'Corrected story.'), corrected: true });
  expect(r.blocks.map((b) => b.text)).toEqual(['a page 1 heading', 'Corrected story.', 'Second story.']);
  await r.open('set');
  expect(r.lang).toBe('zh-Hant');
  expect(r.viewKind).toBe('pdf');
});

it('reads the open page again when its pages were rebuilt, keeping the page and the block chosen if it is still there', async () => {
  let version = 1;
  // The re-import's layout: one more block, the last one's text new.
  const { r, opened, errors, forgotten } = reader([summary('a', { pageCount: 3 }), summary('b')], {}, (d, n) => {
    const p = pageOf(d.id, n);
    return version === 1 ? p : { ...p, blocks: [...p.blocks, block(n, 3, 'Laid out from its ALTO.')] };
  });
  await r.open('a', 2);
  r.pick('p2b1');
  await r.pagesChanged(['b']);
  expect(r.blocks.map((b) => b.id)).toEqual(['p2b0', 'p2b1', 'p2b2']);
  expect(forgotten).toEqual([]);
  version = 2;
  await r.pagesChanged(['a']);
  expect(forgotten).toEqual(['a']);
  expect([r.doc?.id, r.pageNum]).toEqual(['a', 2]);
  expect(r.blocks.map((b) => `${b.id} ${b.text}`)).toEqual(['p2b0 a page 2 heading', 'p2b1 First story.', 'p2b2 Second story.', 'p2b3 Laid out from its ALTO.']);
  expect([r.activeId, r.chosenBlock]).toEqual(['p2b1', 'p2b1']);
  expect(opened).toEqual(['a:2', 'a:2']);
  expect(errors).toEqual([]);
});

it('drops the pages fetched ahead that a correction made old, and reads the page shown again after missed corrections', async () => {
  let corrected = false;
  const { r, opened, errors, forgotten } = reader([summary('a', { pageCount: 3 }), summary('b')], {}, (d, n) => {
    const p = pageOf(d.id, n);
    return corrected ? { ...p, blocks: p.blocks.map((b) => (b.id === `p${n}b1` ? { ...b, text: 'First story, corrected.', corrected: true } : b)) } : p;
  });
  await r.open('a', 2);
  r.pick('p2b2');
  corrected = true;
  // This window's own correction of the page shown: the editor has put it there already; nothing is read.
  await r.textCorrected({ id: 'a', page: 2, blockId: 'p2b1' });
  // Another page of it, or another document: its pages fetched ahead are dropped, the page shown stays as it is.
  await r.textCorrected({ id: 'a', page: 3, blockId: 'p3b1' });
  await r.textCorrected({ id: 'b', page: 1, blockId: 'p1b0' });
  expect(forgotten).toEqual(['a', 'b']);
  expect(opened).toEqual(['a:2']);
  expect(r.blocks.map((b) => b.text)).toEqual(['a page 2 heading', 'First story.', 'Second story.']);
  // Events missed (the host kept too few to replay): every page fetched ahead goes, the page shown is read again.
  await r.textCorrected({ all: true });
  expect(forgotten).toEqual(['a', 'b', null]);
  expect(opened).toEqual(['a:2', 'a:2']);
  expect(r.blocks.map((b) => b.text)).toEqual(['a page 2 heading', 'First story, corrected.', 'Second story.']);
  expect([r.doc?.id, r.pageNum, r.chosenBlock]).toEqual(['a', 2, 'p2b2']);
  expect(errors).toEqual([]);
});

it('keeps the block and photo chosen, and the keyboard’s block, when the page shown is read again (its views rebuilt)', async () => {
  const { r } = reader(undefined, { 'a:2': 20 });
  await r.open('a', 2);
  r.pick('p2b2');
  r.focusId = 'p2b1';
  r.photoId = 'p2i0';
  // Chosen while the page was on its way again: the newest choice is the one kept.
  const again = r.open('a', 2);
  r.focusId = 'p2b2';
  await again;
  expect([r.activeId, r.focusId, r.chosenBlock, r.photoId]).toEqual(['p2b2', 'p2b2', 'p2b2', 'p2i0']);
  expect(r.currentBlock?.text).toBe('Second story.');
  // Another page of the same document starts with nothing chosen.
  await r.open('a', 3);
  expect([r.activeId, r.focusId, r.chosenBlock, r.photoId]).toEqual([null, null, null, null]);
});
