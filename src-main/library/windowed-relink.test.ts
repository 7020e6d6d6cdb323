import { describe, expect, it } from 'vitest';
import type { Photo } from '../../core/page-model.ts';
import { sha256 } from './library-store.ts';
import { PhotoLinkThread } from './photo-link-thread.ts';
import { LINK_WINDOW, relinkDocument, WindowedRelink } from './photo-links.ts';
import { tempLibrary } from './testing/temp-library.ts';

/**
 * Import links a long document's photos window by window while its pages are
 * stored (WindowedRelink); the links must be exactly those of one pass over
 * the stored document (relinkDocument, which `photos.relink` runs), whatever
 * order the two workers deliver the pages in.
 */

const PAGES = 430;
// Stories of a few words each; a caption repeats its story's words, and its story runs a few pages on.
const WORDS = 'harbor fire pier warehouse council vote bridge tram strike mill flood levee school bond railway depot mayor speech court verdict'.split(' ');
const story = (k: number) => [0, 3, 7, 11, 13].map((j) => WORDS[(k * 5 + j) % WORDS.length]).join(' ') + ` story${k}`;

function pageJson(n: number): { raw: string; cleaned: string } {
  const blocks = [
    { id: `p${n}b0`, kind: 'headline', text: `News of page ${n}`, rects: [[10, 10, 590, 40]] },
    { id: `p${n}b1`, kind: 'paragraph', text: `${story(n)} was reported today with more to follow about ${story(n)}.`, rects: [[10, 50, 290, 400]] },
    { id: `p${n}b2`, kind: 'paragraph', text: `Elsewhere ${story(n + 3)} drew a crowd.`, rects: [[310, 50, 590, 400]] },
    { id: `p${n}b3`, kind: 'caption', text: `Photo: ${story(n + 2)}`, rects: [[10, 620, 290, 640]] },
  ];
  // Every third page has a photo whose story is two pages on (so links cross pages, and windows).
  const photos: Photo[] = n % 3 === 0 ? [{ id: `p${n}i0`, rect: [10, 420, 290, 610], caption: `p${n}b3`, links: [] }] : [];
  return { raw: JSON.stringify({ number: n, width: 600, height: 800, items: [], images: [] }), cleaned: JSON.stringify({ blocks, edits: [], photos }) };
}

/** Pages as two workers taking them from one counter hand them over: roughly in order, neighbours swapped. */
function deliveryOrder(): number[] {
  const order = Array.from({ length: PAGES }, (_, i) => i + 1);
  for (let i = 0; i + 1 < order.length; i += 3) [order[i], order[i + 1]] = [order[i + 1], order[i]];
  return order;
}

describe('photo links made while a long document is stored', () => {
  const lib = tempLibrary('broadsheet-windowed-relink-');
  const cleanedOf = (id: string) =>
    (lib.store.db.prepare('SELECT number, cleaned FROM pages WHERE doc_id = ? ORDER BY number').all(id) as Array<{ number: number; cleaned: string }>).map((r) => r.cleaned);

  it('links each window once its pages are stored, to the links of one pass over the stored document', async () => {
    const once = sha256(new TextEncoder().encode('once'));
    const pending = lib.store.begin(once, 'pdf', 'once.pdf', 1);
    for (let n = 1; n <= PAGES; n++) pending.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
    const expectedPhotos = relinkDocument(lib.store.db, once);

    const windowed = sha256(new TextEncoder().encode('windowed'));
    const staged = lib.store.begin(windowed, 'pdf', 'windowed.pdf', 1);
    const relink = new WindowedRelink(lib.store.db, windowed);
    let linkedBeforeEnd = 0;
    for (const n of deliveryOrder()) {
      staged.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
      relink.pageStored(n);
      if (n === 330) linkedBeforeEnd = relink.photos;
    }
    // Windows 1–100 … 201–300 were linked while pages were still coming.
    expect(linkedBeforeEnd).toBeGreaterThanOrEqual(Math.floor((2 * LINK_WINDOW) / 3));
    expect(await relink.finished()).toBe(expectedPhotos);

    const a = cleanedOf(once);
    const b = cleanedOf(windowed);
    expect(b).toHaveLength(PAGES);
    expect(b).toEqual(a);
    // Not a vacuous equality: photos got links, some on other pages.
    const photos = a.flatMap((c) => (JSON.parse(c) as { photos: Photo[] }).photos);
    expect(photos).toHaveLength(Math.floor(PAGES / 3));
    expect(photos.every((p) => p.links.length > 0)).toBe(true);
    expect(photos.filter((p) => p.links[0].block.split('b')[0] !== p.id.split('i')[0]).length).toBeGreaterThan(100);
  });

  it('links on a worker thread (off the main thread that answers IPC) to the very links of one pass on this thread', async () => {
    const once = sha256(new TextEncoder().encode('threaded once'));
    const pending = lib.store.begin(once, 'pdf', 'threaded-once.pdf', 1);
    for (let n = 1; n <= PAGES; n++) pending.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
    const expectedPhotos = relinkDocument(lib.store.db, once);

    const id = sha256(new TextEncoder().encode('threaded'));
    const staged = lib.store.begin(id, 'pdf', 'threaded.pdf', 1);
    let threads = 0;
    const relink = new WindowedRelink(lib.store.db, id, undefined, () => (threads++, new PhotoLinkThread(lib.store.db, id)));
    for (const n of deliveryOrder()) {
      staged.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
      relink.pageStored(n);
    }
    expect(await relink.finished()).toBe(expectedPhotos);
    expect(threads).toBe(1);
    expect(cleanedOf(id)).toEqual(cleanedOf(once));
    // Not vacuous: the links were made (every third page has a photo, and each got links).
    const photos = cleanedOf(id).flatMap((c) => (JSON.parse(c) as { photos: Photo[] }).photos);
    expect(photos).toHaveLength(Math.floor(PAGES / 3));
    expect(photos.every((p) => p.links.length > 0)).toBe(true);

    // A document of up to 300 pages goes to the worker whole; a short one is linked here, with no thread.
    for (const [name, pages, expectThreads] of [['threaded short', 60, 1], ['threaded tiny', 6, 0]] as const) {
      const ref = sha256(new TextEncoder().encode(`${name} ref`));
      const refPending = lib.store.begin(ref, 'pdf', `${name}-ref.pdf`, 1);
      for (let n = 1; n <= pages; n++) refPending.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
      relinkDocument(lib.store.db, ref);
      const doc = sha256(new TextEncoder().encode(name));
      const docPending = lib.store.begin(doc, 'pdf', `${name}.pdf`, 1);
      let started = 0;
      const short = new WindowedRelink(lib.store.db, doc, undefined, () => (started++, new PhotoLinkThread(lib.store.db, doc)));
      for (let n = 1; n <= pages; n++) {
        docPending.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
        short.pageStored(n);
      }
      expect(await short.finished()).toBe(pages / 3);
      expect(started).toBe(expectThreads);
      expect(cleanedOf(doc)).toEqual(cleanedOf(ref));
    }
  });

  it('links a document of up to 300 pages in one pass at the end', async () => {
    const once = sha256(new TextEncoder().encode('short once'));
    const pending = lib.store.begin(once, 'pdf', 'short-once.pdf', 1);
    for (let n = 1; n <= 60; n++) pending.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
    relinkDocument(lib.store.db, once);
    const id = sha256(new TextEncoder().encode('short'));
    const staged = lib.store.begin(id, 'pdf', 'short.pdf', 1);
    const relink = new WindowedRelink(lib.store.db, id);
    for (let n = 1; n <= 60; n++) {
      staged.addPageJson(n, pageJson(n).raw, pageJson(n).cleaned);
      relink.pageStored(n);
    }
    expect(relink.photos).toBe(0);
    expect(await relink.finished()).toBe(20);
    expect(cleanedOf(id)).toEqual(cleanedOf(once));
    expect((JSON.parse(cleanedOf(id)[2]) as { photos: Photo[] }).photos[0].links.length).toBeGreaterThan(0);
  });
});
