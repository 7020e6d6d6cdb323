import type { DatabaseSync } from 'node:sqlite';
import { pageOfBlock, pageOfPhoto, type CleanedPage, type PageModel, type Photo, type PhotoLink } from '../../core/page-model.ts';
import { linkPhotos, rankParagraphs, type LinkPage } from '../../core/photos/link-photos.ts';

/**
 * Photo → paragraph links in the library. The linker's own links live in each
 * page's cleaned JSON (like everything cleaning derives) and are rewritten
 * whenever the linker runs; the archivist's choices (confirm, remove, add)
 * live in their own table and are applied when a page is read, so re-running
 * the linker never overwrites them.
 *
 * The table is made by migration 9 (migrations.ts).
 */

export type LinkAction = 'confirm' | 'remove' | 'add' | 'reset';
type Choice = 'confirmed' | 'added' | 'removed';

function pageCleaned(db: DatabaseSync, docId: string, number: number): CleanedPage | null {
  const row = db.prepare('SELECT cleaned FROM pages WHERE doc_id = ? AND number = ?').get(docId, number) as { cleaned: string } | undefined;
  return row ? (JSON.parse(row.cleaned) as CleanedPage) : null;
}

/**
 * The light page view the linker needs, for pages lo..hi. SQLite's JSON
 * functions pick the few block fields out of each page's cleaned JSON, so
 * the offset maps (most of it) are never parsed into JavaScript objects.
 */
export function linkPages(db: DatabaseSync, docId: string, lo = 1, hi = Number.MAX_SAFE_INTEGER): LinkPage[] {
  const rows = db
    .prepare(
      // The page size from the page view when it is stored (~0.1 ms), the raw JSON only without one: SQLite parses
      // all of a JSON text to pick one field out, ~5 ms for a scan page's 2 MB of raw items (a view holds raw's size).
      `SELECT number, coalesce(json_extract(view, '$.width'), json_extract(raw, '$.width')) AS width,
         coalesce(json_extract(view, '$.height'), json_extract(raw, '$.height')) AS height,
         (SELECT json_group_array(json_object('id', b.value ->> 'id', 'kind', b.value ->> 'kind', 'text', b.value ->> 'text', 'rects', b.value -> 'rects'))
            FROM json_each(cleaned, '$.blocks') AS b) AS blocks,
         coalesce(cleaned -> '$.photos', '[]') AS photos
       FROM pages WHERE doc_id = ? AND number BETWEEN ? AND ? ORDER BY number`,
    )
    .iterate(docId, lo, hi) as Iterable<{ number: number; width: number; height: number; blocks: string; photos: string }>;
  const pages: LinkPage[] = [];
  for (const row of rows) {
    pages.push({ number: row.number, width: row.width, height: row.height, blocks: JSON.parse(row.blocks) as LinkPage['blocks'], photos: JSON.parse(row.photos) as Photo[] });
  }
  return pages;
}

/**
 * A document of up to WHOLE_DOCUMENT_PAGES pages is linked in one pass. A
 * longer one is linked in windows of LINK_WINDOW pages, each photo choosing
 * among the paragraphs of its window and LINK_CONTEXT pages either side: a
 * caption's story runs on the same page or a few pages on, while holding
 * every paragraph of a 10,000-page file (and its search terms) cost
 * gigabytes, and matching every caption against every paragraph grew with
 * the square of the length.
 */
export const LINK_WINDOW = 100;
const LINK_CONTEXT = 25;
const WHOLE_DOCUMENT_PAGES = 300;

/**
 * Runs the linker over every page of a document and stores its links in the
 * pages' cleaned JSON. It may be run again at any time (`photos.relink`);
 * import links as the pages come instead (WindowedRelink). The archivist's
 * choices are not touched.
 */
export function relinkDocument(db: DatabaseSync, docId: string): number {
  const any = db.prepare("SELECT 1 FROM pages WHERE doc_id = ? AND json_array_length(cleaned, '$.photos') > 0 LIMIT 1").get(docId);
  if (!any) return 0;
  const { last } = db.prepare('SELECT max(number) AS last FROM pages WHERE doc_id = ?').get(docId) as { last: number };
  if (last <= WHOLE_DOCUMENT_PAGES) return linkRange(db, docId, 1, last, 1, last);
  let photos = 0;
  for (let from = 1; from <= last; from += LINK_WINDOW) photos += linkWindow(db, docId, from);
  return photos;
}

/**
 * Links the photos of the window starting at page `from` (a document of more
 * than WHOLE_DOCUMENT_PAGES pages): they choose among the paragraphs of pages
 * from - LINK_CONTEXT .. from + LINK_WINDOW - 1 + LINK_CONTEXT.
 */
export function linkWindow(db: DatabaseSync, docId: string, from: number): number {
  const to = from + LINK_WINDOW - 1;
  const any = db
    .prepare("SELECT 1 FROM pages WHERE doc_id = ? AND number BETWEEN ? AND ? AND json_array_length(cleaned, '$.photos') > 0 LIMIT 1")
    .get(docId, from, to);
  if (!any) return 0;
  return linkRange(db, docId, from, to, Math.max(1, from - LINK_CONTEXT), to + LINK_CONTEXT);
}

/** Links the photos of pages from..to among the paragraphs of pages lo..hi; only from..to's photos are stored. */
function linkRange(db: DatabaseSync, docId: string, from: number, to: number, lo: number, hi: number): number {
  const update = db.prepare("UPDATE pages SET cleaned = json_set(cleaned, '$.photos', json(?)) WHERE doc_id = ? AND number = ?");
  // The pages around from..to are candidates only.
  const pages = linkPages(db, docId, lo, hi).map((p) => (p.number < from || p.number > to ? { ...p, photos: [] } : p));
  const linked = linkPhotos(pages);
  let photos = 0;
  pages.forEach((p, k) => {
    if (!p.photos.length) return;
    update.run(JSON.stringify(linked[k]), docId, p.number);
    photos += p.photos.length;
  });
  return photos;
}

/** Links windows and whole documents elsewhere (photo-link-thread.ts: a worker thread), to the same links. */
export interface OffThreadLinker {
  window(from: number): Promise<number>;
  whole(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A document of up to this many pages is linked on the calling thread even
 * when a worker is offered (WindowedRelink): ~4 ms of CPU a page, against
 * starting a thread for a one-page scan.
 */
export const LINK_INLINE_PAGES = 12;

/**
 * Links a document's photos while its pages are being stored, as
 * relinkDocument would once they all are, to the same links: each window
 * of a long document is linked as soon as every page it reads is stored
 * (pages come from two workers in no fixed order), so the import no
 * longer ends with a pass over the whole document on the calling thread
 * (12 s of CPU at 2,000 pages, with the worker heaps still up), and at most
 * one window's paragraphs are ever held. A document of up to
 * WHOLE_DOCUMENT_PAGES pages is linked whole, by `finished()`.
 *
 * Given `offThread` (a factory, called when there is first something to
 * link), windows and whole documents of more than LINK_INLINE_PAGES pages are
 * linked there and `finished()` waits for them; each window cost ~650 ms of
 * the main thread's CPU otherwise (photo-link-thread.ts).
 */
export class WindowedRelink {
  private readonly db: DatabaseSync;
  private readonly docId: string;
  private readonly seen = new Set<number>();
  /** Pages 1..stored are all stored. */
  private stored = 0;
  /** The first page of the next window to link. */
  private next = 1;
  photos = 0;

  private readonly afterWindow: () => void;
  private readonly offThread: (() => OffThreadLinker) | null;
  private linker: OffThreadLinker | null = null;
  /** Windows handed to the linker and not yet linked; the first failure. */
  private readonly inFlight: Array<Promise<void>> = [];
  private failure: Error | null = null;

  /**
   * `afterWindow` runs after each window linked on this thread while pages
   * are coming: import passes a shrinking collection (worker-gc.ts
   * shrinkHeap). A window's paragraphs and term lists are ~25–60 MB of
   * short-lived objects; left to its heuristics, V8 grew the main thread's
   * heap to ~240 MB over a 2,000-page import, on top of the extraction
   * workers' peak, and a plain full collection left ~140 MB of it committed.
   */
  constructor(db: DatabaseSync, docId: string, afterWindow: () => void = () => {}, offThread?: () => OffThreadLinker) {
    this.db = db;
    this.docId = docId;
    this.afterWindow = afterWindow;
    this.offThread = offThread ?? null;
  }

  /** Page `n` is stored: links every window whose pages are now all there. */
  pageStored(n: number): void {
    this.seen.add(n);
    while (this.seen.delete(this.stored + 1)) this.stored++;
    // Windows apply only past WHOLE_DOCUMENT_PAGES; a window needs its pages and LINK_CONTEXT after it.
    if (this.stored <= WHOLE_DOCUMENT_PAGES) return;
    while (this.next + LINK_WINDOW - 1 + LINK_CONTEXT <= this.stored) {
      if (this.offThread) {
        this.send(this.next);
      } else {
        const linked = linkWindow(this.db, this.docId, this.next);
        this.photos += linked;
        if (linked) this.afterWindow();
      }
      this.next += LINK_WINDOW;
    }
  }

  private send(from: number): void {
    this.linker ??= this.offThread!();
    this.inFlight.push(
      this.linker.window(from).then(
        (linked) => void (this.photos += linked),
        (err: Error) => void (this.failure ??= err),
      ),
    );
  }

  /** finished() without a worker: links what is left on this thread. Returns the photos linked in all. */
  private linkRestHere(): number {
    const last = this.lastPage();
    if (last === null) return this.photos;
    if (last <= WHOLE_DOCUMENT_PAGES) return (this.photos = relinkDocument(this.db, this.docId));
    for (; this.next <= last; this.next += LINK_WINDOW) this.photos += linkWindow(this.db, this.docId, this.next);
    return this.photos;
  }

  /**
   * Every page is stored: links what is left and returns the photos linked
   * in all. With a worker, waits for the windows it is linking and ends it;
   * rejects with the first window that failed. The one way to end a
   * WindowedRelink, whichever way it links.
   */
  async finished(): Promise<number> {
    if (!this.offThread) return this.linkRestHere();
    try {
      const last = this.lastPage();
      if (last !== null && last <= LINK_INLINE_PAGES && !this.linker) {
        this.photos = relinkDocument(this.db, this.docId);
      } else if (last !== null && last <= WHOLE_DOCUMENT_PAGES) {
        this.linker ??= this.offThread();
        this.photos = await this.linker.whole();
      } else if (last !== null) {
        for (; this.next <= last; this.next += LINK_WINDOW) this.send(this.next);
      }
      await Promise.all(this.inFlight);
      if (this.failure) throw this.failure;
      return this.photos;
    } finally {
      await this.close();
    }
  }

  /** Ends the worker, if one was started (finished() does; an import that failed calls this). */
  async close(): Promise<void> {
    const linker = this.linker;
    this.linker = null;
    if (linker) {
      await Promise.allSettled(this.inFlight);
      await linker.close();
    }
  }

  private lastPage(): number | null {
    const { last } = this.db.prepare('SELECT max(number) AS last FROM pages WHERE doc_id = ?').get(this.docId) as { last: number | null };
    return last;
  }
}

/** The page's photos with the archivist's choices applied: removed links gone, confirmed and added ones first. */
export function applyLinkChoices(db: DatabaseSync, docId: string, model: PageModel): PageModel {
  if (!model.photos?.length) return { ...model, photos: model.photos ?? [] };
  const photos = photosWithChoices(db, docId, model.number, model.photos);
  return photos === model.photos ? model : { ...model, photos };
}

/** applyLinkChoices for a page's photos alone (the reader's page view carries them beside its stored part). */
export function photosWithChoices(db: DatabaseSync, docId: string, page: number, stored: Photo[]): Photo[] {
  if (!stored.length) return stored;
  const rows = db.prepare('SELECT photo, block, choice, score FROM photo_link_choices WHERE doc_id = ? AND photo LIKE ?').all(docId, `p${page}i%`) as Array<{
    photo: string;
    block: string;
    choice: Choice;
    score: number;
  }>;
  if (!rows.length) return stored;
  return stored.map((ph) => {
    const mine = rows.filter((r) => r.photo === ph.id);
    if (!mine.length) return ph;
    const choice = new Map(mine.map((r) => [r.block, r.choice]));
    const links: PhotoLink[] = ph.links.filter((l) => choice.get(l.block) !== 'removed').map((l) => (choice.get(l.block) === 'confirmed' ? { ...l, origin: 'confirmed' as const } : l));
    for (const r of mine) {
      if (r.choice === 'removed' || links.some((l) => l.block === r.block)) continue;
      // A hand-made link shows what the linker would have scored it, for the archivist to judge.
      links.push({ block: r.block, score: r.score, origin: r.choice === 'added' ? 'added' : 'confirmed' });
    }
    const rank = (l: PhotoLink) => (l.origin ? 0 : 1);
    links.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
    return { ...ph, links };
  });
}

function scoreOf(db: DatabaseSync, docId: string, photo: Photo, page: number, block: string): number {
  const known = photo.links.find((l) => l.block === block);
  if (known) return known.score;
  // The pages relinkDocument links this photo against: the whole document, or its window and the pages either side.
  const { last } = db.prepare('SELECT max(number) AS last FROM pages WHERE doc_id = ?').get(docId) as { last: number };
  const from = page - ((page - 1) % LINK_WINDOW);
  const pages = last <= WHOLE_DOCUMENT_PAGES ? linkPages(db, docId) : linkPages(db, docId, Math.max(1, from - LINK_CONTEXT), from + LINK_WINDOW - 1 + LINK_CONTEXT);
  return rankParagraphs(pages, photo, page).find((l) => l.block === block)?.score ?? 0;
}

/**
 * Records the archivist's choice for one link. `reset` forgets it (the
 * linker's own link, if any, shows again). Checks that the photo and the
 * block exist in the document.
 */
export function setLinkChoice(db: DatabaseSync, docId: string, photo: string, block: string, action: LinkAction): void {
  const photoNumber = pageOfPhoto(photo);
  if (photoNumber === null) throw new Error(`not a photo id: ${photo.slice(0, 40)}`);
  const blockNumber = pageOfBlock(block);
  if (blockNumber === null) throw new Error(`not a block id: ${block.slice(0, 40)}`);
  const photoPage = pageCleaned(db, docId, photoNumber);
  const found = photoPage?.photos?.find((p) => p.id === photo);
  if (!found) throw new Error(`no photo ${photo} in this document`);
  const blockPage = pageCleaned(db, docId, blockNumber);
  const target = blockPage?.blocks.find((b) => b.id === block);
  if (!target) throw new Error(`no block ${block} in this document`);
  if (block === found.caption) throw new Error(`${block} is the photo's own caption`);
  if (action === 'reset') {
    db.prepare('DELETE FROM photo_link_choices WHERE doc_id = ? AND photo = ? AND block = ?').run(docId, photo, block);
    return;
  }
  const isAuto = found.links.some((l) => l.block === block);
  const choice: Choice = action === 'remove' ? 'removed' : action === 'confirm' || isAuto ? 'confirmed' : 'added';
  const score = choice === 'removed' ? 0 : scoreOf(db, docId, found, photoNumber, block);
  db.prepare(
    `INSERT INTO photo_link_choices (doc_id, photo, block, choice, score, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(doc_id, photo, block) DO UPDATE SET choice = excluded.choice, score = excluded.score, at = excluded.at`,
  ).run(docId, photo, block, choice, score, new Date().toISOString());
}

export interface BlockPhoto {
  /** Photo id ("p<page>i<k>"). */
  photo: string;
  page: number;
  /** The photo's caption text, or ''. */
  caption: string;
  score: number;
  origin?: PhotoLink['origin'];
}

/**
 * The photos anywhere in the document that illustrate a paragraph (links
 * with the archivist's choices applied), best first. Only pages whose photos
 * mention the block, or that have a choice for it, are read.
 */
export function photosOfBlock(db: DatabaseSync, docId: string, block: string): BlockPhoto[] {
  const pages = new Set<number>();
  const quoted = JSON.stringify(block);
  for (const row of db
    .prepare("SELECT number FROM pages WHERE doc_id = ? AND json_array_length(cleaned, '$.photos') > 0 AND instr(json_extract(cleaned, '$.photos'), ?) > 0")
    .all(docId, quoted) as Array<{ number: number }>)
    pages.add(row.number);
  for (const row of db.prepare('SELECT photo FROM photo_link_choices WHERE doc_id = ? AND block = ?').all(docId, block) as Array<{ photo: string }>) {
    const page = pageOfPhoto(row.photo);
    if (page !== null) pages.add(page);
  }
  const out: BlockPhoto[] = [];
  for (const number of [...pages].sort((a, b) => a - b)) {
    const cleaned = pageCleaned(db, docId, number);
    if (!cleaned) continue;
    const model = applyLinkChoices(db, docId, { number, width: 0, height: 0, items: [], images: [], ...cleaned });
    const text = new Map(cleaned.blocks.map((b) => [b.id, b.text]));
    for (const p of model.photos) {
      const link = p.links.find((l) => l.block === block);
      if (link) out.push({ photo: p.id, page: number, caption: p.caption ? (text.get(p.caption) ?? '') : '', score: link.score, ...(link.origin ? { origin: link.origin } : {}) });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.page - b.page);
}
