import type { DocumentSummary } from '../../core/library-model.ts';
import type { TextCorrected } from '../../core/annotations/requests.ts';
import { pageOfBlock, pageOfPhoto, type Block, type CharSource, type Photo } from '../../core/page-model.ts';
import type { ReaderPage } from './page-loader.ts';
import { adjacentInIssue } from '../../core/library-tree.ts';
import { charRects } from '../../core/geometry/char-rects.ts';
import { detectLanguage } from '../../core/language.ts';
import { isWeakLink } from '../../core/photos/link-strength.ts';
import { markReader } from './reader-marks.ts';

/**
 * The open page and what the reader has chosen on it: the document, page
 * number and page model; the block hovered, focused (keyboard, page click)
 * and active (clicked, stepped to); the photo chosen; the characters selected.
 * Opening is last-asked-wins: a slow page never replaces one asked for later.
 */
export interface ReaderBackend {
  /** The document's summary (from the library list when it is there). */
  summary: (id: string) => Promise<DocumentSummary>;
  /** The page as the reader gets it (compact page view, with its preview state); `doc` is its document's summary. */
  page: (doc: DocumentSummary, page: number) => Promise<ReaderPage>;
  /** Start fetching what the page view will need (the PDF) while the page model is on its way. */
  prefetch?: (doc: DocumentSummary) => void;
  /** The library, for reading on across an issue's files. */
  library: () => readonly DocumentSummary[];
  /** Pages of the document fetched ahead are out of date (its pages were rebuilt or corrected); null: every document's. */
  forget?: (id: string | null) => void;
  /** A page was opened (and became the one shown). */
  opened?: (doc: DocumentSummary, page: number) => void;
  fail: (err: unknown) => void;
}

export type PhotoLinkAction = 'confirm' | 'remove' | 'add';

export class ReaderStore {
  doc = $state.raw<DocumentSummary | null>(null);
  pageNum = $state(1);
  model = $state.raw<ReaderPage | null>(null);
  activeId = $state<string | null>(null);
  hoverId = $state<string | null>(null);
  focusId = $state<string | null>(null);
  photoId = $state<string | null>(null);
  /** The block last chosen in the text or on the page (stays chosen while the reader works in the Photos panel). */
  chosenBlock = $state<string | null>(null);
  selection = $state.raw<CharSource[]>([]);

  readonly blocks = $derived(this.model?.blocks ?? []);
  // Rebuilt whole on each change, never mutated: a plain Map is right here.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly byId = $derived(new Map(this.blocks.map((b) => [b.id, b])));
  readonly outlineBlock = $derived(this.byId.get(this.hoverId ?? this.focusId ?? this.activeId ?? '') ?? null);
  /** The block under the keyboard or the last click, or null. */
  readonly currentBlock = $derived(this.byId.get(this.focusId ?? this.activeId ?? '') ?? null);
  readonly selectionRects = $derived(this.model && this.selection.length ? charRects(this.model.items, this.selection) : []);
  readonly selectedPhoto = $derived<Photo | null>(this.model?.photos.find((p) => p.id === this.photoId) ?? null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly photoLinks = $derived(new Map((this.selectedPhoto?.links ?? []).map((l, i) => [l.block, { rank: i + 1, score: l.score, weak: isWeakLink(l) }])));
  // The page's language, read from its text; the archivist's choice in Details… wins.
  // (The first few hundred blocks or items say it; a huge page need not be joined whole.)
  readonly detectedLang = $derived(
    this.model
      ? detectLanguage(this.blocks.length ? this.blocks.slice(0, 400).map((b) => b.text).join('\n') : this.model.items.slice(0, 2000).map((it) => it.str).join(''))
      : null,
  );
  readonly lang = $derived(this.doc?.language || this.detectedLang || 'en');
  readonly pageChars = $derived(this.model ? this.model.items.reduce((n, it) => n + it.str.length, 0) : 0);
  /** What the page view draws: a PDF page, or text laid out (text dumps, and PDFs without a page size). */
  readonly viewKind = $derived<'pdf' | 'text'>(this.doc?.kind === 'pdf' && (this.model?.width ?? 0) > 0 ? 'pdf' : 'text');

  private readonly backend: ReaderBackend;
  private request = 0;
  /** Ticket of the last open that finished: differs from request while a page is on its way. */
  private settledTicket = 0;

  constructor(backend: ReaderBackend) {
    this.backend = backend;
  }

  /** No page is on its way. */
  get settled(): boolean {
    return this.settledTicket === this.request;
  }

  /** Shows `id` and `page` already, with no other page on its way. */
  shows(id: string, page: number): boolean {
    return this.settled && this.doc?.id === id && this.pageNum === page;
  }

  async open(id: string, page = 1): Promise<void> {
    const ticket = ++this.request;
    const { backend } = this;
    markReader('open', id, page);
    try {
      const summary = await backend.summary(id);
      // Fetch and parse the PDF while the page model is on its way: the two are independent.
      backend.prefetch?.(summary);
      const n = Math.min(Math.max(1, page), Math.max(1, summary.pageCount));
      const next = await backend.page(summary, n);
      if (ticket !== this.request) return;
      // The page shown, read again (a click on the open document, a page rebuilt by a re-import): what the archivist
      // chose on it stays chosen where the page still has it, so a rebuild of its views never drops the block in hand.
      const again = this.doc?.id === summary.id && this.pageNum === n;
      const kept = again ? [this.activeId, this.focusId, this.chosenBlock, this.photoId] : [];
      this.doc = summary;
      this.pageNum = n;
      this.model = next;
      this.activeId = this.hoverId = this.focusId = this.photoId = this.chosenBlock = null;
      if (again) {
        const has = (id: string | null) => (id && this.byId.has(id) ? id : null);
        [this.activeId, this.focusId, this.chosenBlock] = kept.slice(0, 3).map(has);
        this.photoId = kept[3] && next.photos.some((p) => p.id === kept[3]) ? kept[3] : null;
      } else this.selection = [];
      backend.opened?.(summary, n);
    } catch (err) {
      if (ticket === this.request) backend.fail(err);
    } finally {
      if (ticket === this.request) this.settledTicket = ticket;
    }
  }

  /** Page n of the open document; past either end, reading goes on into the issue's next (or previous) file. */
  gotoPage(n: number): void {
    const doc = this.doc;
    if (!doc) return;
    if (n >= 1 && n <= doc.pageCount) {
      if (n !== this.pageNum) void this.open(doc.id, n);
      return;
    }
    const next = adjacentInIssue(this.backend.library(), doc.id, n > doc.pageCount ? 1 : -1);
    if (next) void this.open(next.id, n > doc.pageCount ? 1 : next.pageCount);
  }

  /**
   * Documents whose pages were rebuilt (a re-import brought their ALTO): if the open one is among them, its page is
   * read again, same page number (or its last page, if it has fewer now), so what is selected and annotated next is
   * made on the blocks the library now holds. The block chosen stays chosen if the new page still has it.
   */
  async pagesChanged(ids: readonly string[]): Promise<void> {
    const doc = this.doc;
    if (!doc || !ids.includes(doc.id)) return;
    this.backend.forget?.(doc.id);
    // open() keeps what is chosen on a page read again.
    await this.open(doc.id, this.pageNum);
  }

  /**
   * A correction announced (`text.corrected`): pages of its document fetched ahead hold the text from before it and
   * are dropped. The page shown is not read again for one block: a correction made in this window is on it already
   * (the editor put it there). `all` (this window missed events the host no longer keeps, services/event-bus.ts):
   * every page fetched ahead is dropped and the page shown is read again, keeping what is chosen on it.
   */
  async textCorrected(e: TextCorrected): Promise<void> {
    if (!('all' in e)) {
      if (!this.shows(e.id, e.page)) this.backend.forget?.(e.id);
      return;
    }
    this.backend.forget?.(null);
    const doc = this.doc;
    if (doc) await this.open(doc.id, this.pageNum);
  }

  /** The document is gone (removed from the library). */
  close(): void {
    this.doc = null;
    this.model = null;
  }

  /** The next (or previous) block in reading order becomes active; returns its id. */
  step(dir: 1 | -1): string | null {
    const blocks = this.blocks;
    if (blocks.length === 0) return null;
    const cur = blocks.findIndex((b) => b.id === (this.focusId ?? this.activeId));
    const next = blocks[cur < 0 ? (dir > 0 ? 0 : blocks.length - 1) : Math.min(blocks.length - 1, Math.max(0, cur + dir))];
    this.activeId = this.chosenBlock = next.id;
    this.hoverId = null;
    return next.id;
  }

  /** A block picked on the page or in the text. */
  pick(id: string): void {
    this.activeId = this.chosenBlock = id;
    this.hoverId = null;
  }

  /** Esc: nothing chosen any more (focusId too: the block a page click focused kept its outline on the page). */
  clearChoice(): void {
    this.selection = [];
    this.activeId = this.hoverId = this.focusId = this.photoId = this.chosenBlock = null;
  }

  /** A corrected block replaces its cleaned one in the page shown. */
  replaceBlock(block: Block): void {
    if (!this.model) return;
    this.model = { ...this.model, blocks: this.model.blocks.map((b) => (b.id === block.id ? block : b)) };
  }

  replacePhotos(photos: Photo[]): void {
    if (this.model) this.model = { ...this.model, photos };
  }

  /** A photo anywhere in the document: its page, then the photo chosen. */
  async showPhoto(photo: string): Promise<void> {
    const page = pageOfPhoto(photo);
    if (!this.doc || !page) return;
    if (page !== this.pageNum) await this.open(this.doc.id, page);
    this.photoId = photo;
  }

  /** A linked paragraph, possibly on another page of the document. */
  async showBlock(block: string): Promise<void> {
    const page = pageOfBlock(block);
    if (!this.doc || !page) return;
    if (page !== this.pageNum) await this.open(this.doc.id, page);
    this.activeId = block;
  }
}
