import type { StatementSync } from 'node:sqlite';
import type { ParsedParams } from '../../core/contract.ts';
import type { TextCorrected } from '../../core/annotations/requests.ts';
import type { Block, PageModel, RawItem, Rect } from '../../core/page-model.ts';
import type { Range } from '../../core/search/snippet.ts';
import { pageInput } from './page-input.ts';
import { blockHitRects, rawHitRects } from '../../core/search/hit-rects.ts';
import type { IndexProgress, SearchResult } from '../../core/search/search-model.ts';
import { newspaperMatcher } from '../../core/newspaper-titles.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { CorrectionStore } from '../library/correction-store.ts';
import type { LibraryStore } from '../library/library-store.ts';
import { storedRawItems } from '../library/raw-items-codec.ts';
import type { EventBus } from '../services/event-bus.ts';
import { SearchIndex, type IndexBlock, type IndexLayer, type IndexPageInput } from './search-index.ts';
import { dropPageTexts, streamIndexText, takePageTexts, takeStreamRest } from './stored-page-texts.ts';
import { CoalescedRun } from '../services/coalesced-run.ts';
import { SearchIndexThread } from './search-index-thread.ts';
import { foreground } from '../services/foreground.ts';
import { chineseVariants, hasNoOtherForm } from './chinese-variants.ts';

/**
 * Keeps the search index in step with the library and answers queries.
 *
 * The index is never rebuilt at start-up: opening it only compares its list
 * of documents (and page counts) with the library's. Documents the index
 * lacks (an import it missed, a crash mid-update, a library made by an older
 * version, an index thrown away as outdated or damaged) are indexed in the
 * background, one transaction per document, with `search.progress` events;
 * searches keep working meanwhile and say the results may be incomplete.
 * Documents no longer in the library are dropped from the index.
 *
 * Other features keep the index current through indexDocument, indexPage
 * (corrections) and removeDocument.
 *
 * Given `indexWorkerUrl` (the app does), every write goes to a worker
 * thread instead (search-index-thread.ts), in the order it was asked for;
 * this thread keeps only the queries. Without it (the CLI, which waits for
 * its index anyway) the writes run here, and catchUpSync is available.
 */

/** Characters of an importing document's text the index takes at once (~40 pages of a dense CJK page). */
export const STREAM_BATCH_CHARS = 256 * 1024;

/** How often the background catch-up tells the app how far it is. */
const PROGRESS_EVERY_MS = 250;
// A query with Han characters may be written in the other form (simplified ↔ traditional) than the library's text.
const HAN = /\p{Script=Han}/u;

export type SearchParams = ParsedParams<'search.query'>;

export class SearchService {
  readonly index: SearchIndex;
  private readonly store: LibraryStore;
  private readonly events?: EventBus;
  private progress: IndexProgress | null = null;
  /** The background catch-up; its progress bar goes when it ends (unless the service closed meanwhile). */
  private readonly background = new CoalescedRun(
    () => this.catchUpPass(),
    () => this.closed,
    () => {
      if (!this.closed) this.setProgress(null);
    },
  );
  private closed = false;
  private progressSent = -Infinity;
  private unsubscribe: (() => void) | null = null;
  private hitBlock: StatementSync | null = null;
  private hitItems: StatementSync | null = null;
  /** Where the index is written when not on this thread. */
  readonly thread: SearchIndexThread | null;

  constructor(store: LibraryStore, events?: EventBus, opts: { streamBatchChars?: number; indexWorkerUrl?: URL | string } = {}) {
    this.store = store;
    this.events = events;
    // Opened (created, or reset when outdated or damaged) here first: the worker then finds it current.
    this.index = new SearchIndex(store.dir);
    const thread = (this.thread = opts.indexWorkerUrl ? new SearchIndexThread(store.dir, () => this.index.forgetVocabulary(), opts.indexWorkerUrl) : null);
    // While this service is open, an import's text goes to the index in batches as it comes (stored-page-texts.ts).
    streamIndexText(store, {
      pages: thread ? (id, pages) => thread.send({ type: 'stream', doc: id, pages }) : (id, pages) => this.index.streamPages(id, pages),
      drop: thread ? (id) => thread.send({ type: 'drop', doc: id }) : (id) => this.index.dropStreamed(id),
      batchChars: opts.streamBatchChars ?? STREAM_BATCH_CHARS,
    });
    // Imports (and any other library change) announce themselves on the bus: index what is new.
    this.unsubscribe =
      events?.subscribe((event, payload) => {
        // After the event has reached every listener: catching up is not part of announcing the change.
        if (event === 'library.changed') setImmediate(() => !this.closed && void this.catchUp());
        // An archivist's correction: that page is searched in its corrected form from now on.
        // (Never `all` here: that is sent only to a subscriber catching up on events it missed, and this one misses none.)
        const corrected = event === 'text.corrected' ? (payload as TextCorrected) : null;
        if (corrected && 'id' in corrected) {
          const { id, page } = corrected;
          setImmediate(() => !this.closed && this.indexCorrectedPage(id, page));
        }
      }) ?? null;
  }

  /** Non-null while catching up. */
  status(): IndexProgress | null {
    return this.progress;
  }

  /** What the index lacks and what it holds that the library no longer has. */
  plan(): { missing: string[]; stale: string[] } {
    const indexed = this.index.documents();
    // Only ids and page counts, newest first: the full document list (store.list) costs 200–400 ms at 10,000 documents.
    const library = this.store.db.prepare('SELECT id, page_count AS pages FROM documents ORDER BY imported_at DESC').all() as Array<{ id: string; pages: number }>;
    const missing = library.filter((d) => indexed.get(d.id) !== d.pages).map((d) => d.id);
    const ids = new Set(library.map((d) => d.id));
    const stale = [...indexed.keys()].filter((id) => !ids.has(id));
    return { missing, stale };
  }

  /**
   * The library's document list in two numbers: a counter every change to
   * the documents table moves (migration 4 keeps it, in any process) and the
   * count. The index records the stamp it last matched, so a start with
   * nothing new (every CLI search) skips comparing 10,000 documents.
   */
  private libraryStamp(): string {
    const row = this.store.db.prepare('SELECT (SELECT version FROM documents_version) AS v, (SELECT count(*) FROM documents) AS n').get() as { v: number; n: number };
    return `${row.v}/${row.n}`;
  }

  /** True when the index matched the library as it is now, the last time anyone brought it up to date. */
  upToDate(): boolean {
    return this.index.matchedLibrary() === this.libraryStamp();
  }

  private reason(): string {
    return this.index.resetReason ?? 'behind';
  }

  /** Indexes one stored document from the library (all its pages, cleaned and raw layers), in one transaction. */
  indexDocument(id: string): void {
    this.onThisThread('indexDocument');
    const doc = this.store.get(id);
    if (!doc) throw new Error(`no document ${id.slice(0, 12)}… in this library`);
    const rest = this.streamRest(id, doc.pageCount);
    if (rest) {
      for (const _ of this.index.finishStreamedSteps(id, rest, doc.pageCount, Infinity)) {
        // One slice: nothing to yield to.
      }
    } else this.index.indexDocument(id, this.storedPages(id, doc.pageCount), doc.pageCount);
    this.indexCorrections(id);
  }

  /** The pages a streamed import (streamIndexText) had not sent yet; null when the document must be indexed whole. */
  private streamRest(id: string, count: number): IndexPageInput[] | null {
    const rest = takeStreamRest(this.store, id, count);
    if (rest && this.index.isStreaming(id)) return rest;
    // Not streamed, or not completely: indexed afresh from the library (which replaces any streamed rows).
    this.index.endStreaming(id);
    return null;
  }

  /**
   * Re-indexes one page as the reader shows it, the archivist's corrections
   * applied. Only the blocks whose text was corrected go in the 'corrected'
   * layer: the page's other blocks are still cleaning's text, and their hits
   * must say so (and get the cleaned block's precise rectangles).
   */
  indexCorrectedPage(id: string, page: number): void {
    const model = new AnnotationService(this.store).page(id, page);
    if (!model) return;
    const blocks = model.blocks.map((b): IndexBlock => ({ id: b.id, kind: b.kind, text: b.text, layer: b.corrected ? 'corrected' : 'cleaned' }));
    // On the worker: after every write asked for before, among them a whole re-index of this document.
    this.indexPage(id, page, blocks, { layer: 'cleaned' });
  }

  /** A document indexed afresh (a rebuilt or caught-up index) keeps its corrected pages corrected. */
  private indexCorrections(id: string): void {
    for (const c of new CorrectionStore(this.store.db).correctedPages()) if (c.docId === id) this.indexCorrectedPage(id, c.page);
  }

  private *storedPages(id: string, count: number): Generator<IndexPageInput> {
    // Just imported by this process: its text is still at hand (stored-page-texts.ts).
    const held = takePageTexts(this.store, id, count);
    if (held) {
      yield* held;
      return;
    }
    for (let n = 1; n <= count; n++) {
      const page = this.store.page(id, n);
      if (page) yield pageInput(page);
    }
  }

  /** The same, in slices of ~40 ms with the event loop free between them: a 200-page document never freezes the app. */
  private async indexDocumentInBackground(id: string): Promise<void> {
    const doc = this.store.get(id);
    if (!doc) return;
    const rest = this.streamRest(id, doc.pageCount);
    const steps = rest ? this.index.finishStreamedSteps(id, rest, doc.pageCount) : this.index.indexDocumentSteps(id, this.storedPages(id, doc.pageCount), doc.pageCount);
    for (const _ of steps) {
      await foreground.turn();
      if (this.closed) throw new Error('closed');
    }
    this.indexCorrections(id);
  }

  /** Re-indexes one page's text, e.g. with an archivist's corrected blocks (`layer: 'corrected'`). */
  indexPage(id: string, page: number, blocks: readonly IndexBlock[], opts: { layer: IndexLayer; raw?: string }): void {
    if (this.thread) this.thread.send({ type: 'page', doc: id, page, blocks: [...blocks], opts });
    else this.index.indexPage(id, page, blocks, opts);
  }

  removeDocument(id: string): void {
    if (this.thread) this.thread.send({ type: 'remove', doc: id });
    else this.index.removeDocument(id);
  }

  /** Resolves once every write asked for so far is in the index (at once when the index is written on this thread). */
  async settled(): Promise<void> {
    await this.thread?.settled();
  }

  private onThisThread(what: string): void {
    if (this.thread) throw new Error(`SearchService.${what}: the index is written by its worker thread; use catchUp()`);
  }

  /** Brings the index up to date now, on this thread (the CLI). */
  catchUpSync(onProgress?: (p: IndexProgress) => void): number {
    this.onThisThread('catchUpSync');
    const stamp = this.libraryStamp();
    if (this.index.matchedLibrary() === stamp) return 0;
    const { missing, stale } = this.plan();
    for (const id of stale) this.index.removeDocument(id);
    missing.forEach((id, i) => {
      onProgress?.({ done: i, total: missing.length, reason: this.reason() });
      this.indexDocument(id);
    });
    if (missing.length) onProgress?.({ done: missing.length, total: missing.length, reason: this.reason() });
    this.index.setMatchedLibrary(stamp);
    return missing.length;
  }

  /** Brings the index up to date in the background, one document per turn of the event loop. */
  catchUp(): Promise<void> {
    return this.background.request();
  }

  /** One pass of the catch-up: stale documents out, missing ones in, one per turn of the event loop. */
  private async catchUpPass(): Promise<void> {
    if (this.thread) return this.catchUpPassOnThread(this.thread);
    const stamp = this.libraryStamp();
    if (this.index.matchedLibrary() === stamp) return;
    const { missing, stale } = this.plan();
    for (const id of stale) this.index.removeDocument(id);
    const failed = await this.indexEach(missing, (id) => this.indexDocumentInBackground(id));
    if (failed === 'closed') return;
    // A document that failed is tried again at the next start or change.
    if (!failed) this.index.setMatchedLibrary(stamp);
  }

  /**
   * catchUpPass with the writes on the worker: the same plan, read once
   * every write asked for before is in; each document indexed there (its
   * pages read from the library there too), then its corrections sent after
   * it, then the stamp after all of them.
   */
  private async catchUpPassOnThread(thread: SearchIndexThread): Promise<void> {
    await thread.settled();
    if (this.closed) return;
    const stamp = this.libraryStamp();
    if (this.index.matchedLibrary() === stamp) return;
    const { missing, stale } = this.plan();
    for (const id of stale) thread.send({ type: 'remove', doc: id });
    const failed = await this.indexEach(missing, async (id) => {
      const doc = this.store.get(id);
      if (!doc) return;
      const rest = takeStreamRest(this.store, id, doc.pageCount);
      // Not streamed: text held from before this service opened is of no use to the worker, which reads the library.
      if (!rest) dropPageTexts(this.store, id);
      await thread.ask({ type: 'document', doc: id, pageCount: doc.pageCount, rest });
      if (!this.closed) this.indexCorrections(id);
    });
    if (failed === 'closed') return;
    // A document that failed is tried again at the next start or change.
    if (!failed) await thread.ask({ type: 'matched', stamp }).catch((err: Error) => void (this.closed || console.error(err.message)));
  }

  /**
   * The catch-up's loop over missing documents, on this thread or the worker:
   * progress, a turn for the app's requests before each, and a failure that
   * is logged and leaves the rest to go on. 'closed' when the service closed
   * on the way.
   */
  private async indexEach(missing: string[], indexOne: (id: string) => Promise<void>): Promise<boolean | 'closed'> {
    let failed = false;
    if (!missing.length) return failed;
    const reason = this.reason();
    for (const [i, id] of missing.entries()) {
      if (this.closed) return 'closed';
      this.setProgress({ done: i, total: missing.length, reason });
      await foreground.turn();
      if (this.closed) return 'closed';
      try {
        await indexOne(id);
      } catch (err) {
        if (this.closed) return 'closed';
        failed = true;
        console.error(`search index: ${id.slice(0, 12)}…: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (this.closed) return 'closed';
    this.setProgress({ done: missing.length, total: missing.length, reason });
    return failed;
  }

  private setProgress(p: IndexProgress | null): void {
    this.progress = p;
    // A few times a second at most: one event a document kept the app's windows re-rendering the bar hundreds of times a second.
    const now = performance.now();
    if (p && p.done > 0 && p.done < p.total && now - this.progressSent < PROGRESS_EVERY_MS) return;
    this.progressSent = now;
    this.events?.emit('search.progress', p ?? { done: 0, total: 0, reason: 'ready' });
  }

  query(params: SearchParams): SearchResult {
    const started = performance.now();
    let documents: string[] | undefined;
    if (params.newspaper || params.dateFrom || params.dateTo) {
      // The Newspaper filter names a title: every spelling of it (core/newspaper-titles.ts), not one exact string.
      const ofNewspaper = newspaperMatcher(params.newspaper ? this.store.list() : [], params.newspaper ?? '');
      documents = this.store.list({ dateFrom: params.dateFrom, dateTo: params.dateTo }).filter(ofNewspaper).map((d) => d.id);
    }
    if (params.document) documents = documents ? documents.filter((d) => d === params.document) : [params.document];
    const result = this.index.search(params.q, {
      raw: params.raw,
      limit: params.limit,
      offset: params.offset,
      documents,
      kinds: params.kinds,
      variants: params.variants ? chineseVariants() : undefined,
    });
    if (params.rects) {
      const pages = new Map<string, PageModel | null>();
      for (const hit of result.hits) {
        const key = `${hit.document}/${hit.page}`;
        if (hit.layer === 'cleaned' && hit.block) {
          hit.rects = this.cleanedHitRects(hit.document, hit.page, hit.block, hit.ranges);
          continue;
        }
        if (!pages.has(key)) pages.set(key, this.store.page(hit.document, hit.page));
        const page = pages.get(key);
        if (!page) hit.rects = [];
        else if (hit.layer === 'raw') hit.rects = rawHitRects(page.items, hit.ranges);
        else {
          // A corrected block's offsets no longer follow the cleaned block's map: outline the block instead.
          const block = page.blocks.find((b) => b.id === hit.block);
          hit.rects = !block ? [] : hit.layer === 'cleaned' ? blockHitRects(page.items, block, hit.ranges) : block.rects;
        }
      }
    }
    const withVariants = result.total === 0 && !params.variants && HAN.test(params.q) ? this.variantTotal(params, documents) : 0;
    return {
      total: result.total,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      hits: result.hits,
      indexing: this.progress,
      ...(withVariants ? { withVariants, otherForms: otherWrittenForms(params.q) } : {}),
    };
  }

  /**
   * How many blocks the query finds with simplified and traditional matched
   * alike (asked only after it found none): the total --variants would give,
   * counted without ranking or snippets. A query none of whose characters has
   * another form finds nothing more that way, and is not searched again (nor
   * are OpenCC's converters built for it, ~450 ms).
   */
  private variantTotal(params: SearchParams, documents: string[] | undefined): number {
    if (hasNoOtherForm(params.q)) return 0;
    return this.index.count(params.q, { raw: params.raw, limit: params.limit, offset: params.offset, documents, kinds: params.kinds, variants: chineseVariants() });
  }

  /**
   * A cleaned hit's rectangles, parsing only what they need of the stored
   * page: SQLite picks out the hit's block and the raw items its matched
   * characters came from. Parsing whole pages (every block's offset map) for
   * 20 hits was the largest part of a CLI search after start-up.
   */
  private cleanedHitRects(id: string, page: number, blockId: string, ranges: readonly Range[]): Rect[] {
    const row = (this.hitBlock ??= this.store.db.prepare(
      `SELECT (SELECT b.value FROM json_each(p.cleaned, '$.blocks') b WHERE b.value ->> 'id' = ?) AS block
       FROM pages p JOIN documents d ON d.id = p.doc_id WHERE p.doc_id = ? AND p.number = ?`,
    )).get(blockId, id, page) as { block: string | null } | undefined;
    if (!row?.block) return [];
    const block = JSON.parse(row.block) as Block;
    const needed = new Set<number>();
    for (const [s, e] of ranges) for (let k = s; k < Math.min(e, block.map.length); k++) if (block.map[k][0] >= 0) needed.add(block.map[k][0]);
    // A sparse array: charRects reads only the items the matched characters came from.
    const stored = (this.hitItems ??= this.store.db.prepare('SELECT raw, raw_items FROM pages WHERE doc_id = ? AND number = ?')).get(id, page) as
      | { raw: string; raw_items: Uint8Array | null }
      | undefined;
    const items: RawItem[] = stored ? storedRawItems(stored.raw, stored.raw_items, `document ${id} page ${page}`, needed) : [];
    return blockHitRects(items, block, ranges);
  }

  /** Resolves once the worker (if any) has written everything it was sent and ended. */
  close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    streamIndexText(this.store, null);
    this.index.close();
    return this.thread?.close() ?? Promise.resolve();
  }
}

// Beside the index's worker (search-index-worker.ts), which reads stored pages too.
export { pageInput };

/** The query in its other written forms (simplified, traditional), each once, the query as typed left out. */
export function otherWrittenForms(q: string): string[] {
  const typed = q.trim();
  return [...new Set(chineseVariants()(typed))].filter((f) => f !== typed);
}
