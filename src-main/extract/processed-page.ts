import { rawText, type CleanedPage, type RawPage } from '../../core/page-model.ts';
import { encodePageView } from '../../core/page-view/page-view-codec.ts';
import type { IndexPageInput } from '../search/search-index.ts';
import { joinRawPage, splitRawPage, type StoredRaw } from '../library/raw-items-codec.ts';

/**
 * One page as extraction hands it to the library: the raw and cleaned
 * models as the JSON text the library stores, and the text the search index
 * takes. An extraction worker makes it (extract-worker.ts), so the main
 * thread neither deserializes a page's object graph (a scanned newspaper
 * page is ~16,000 raw items and a character map: structured-cloning the two
 * cost 30–40 ms a page) nor stringifies it again for SQLite: it stores the
 * text it is given. The text crosses as UTF-8 bytes in transferred buffers,
 * neither copied nor held in the main thread's heap (as strings, each
 * page's ~0.5–3 MB of JSON landed in the main heap's large-object space
 * and stayed there until a full collection: the main heap grew to ~190 MB
 * over a 2,000-page import). `raw` and `cleaned` parse the models back,
 * for the few callers that need them as objects.
 *
 * The raw page crosses as the library stores it (raw-items-codec.ts): its
 * items as one compact BLOB, the rest as small JSON. Its JSON was 1.5–2.5 MB
 * on a scan page (10–20 ms to stringify and encode here, as long to parse on
 * every read); the BLOB is about a quarter of that, made in less time.
 *
 * The page's compact view (core/page-view, what the reader draws from) is
 * encoded here too, from the models in hand, and stored with the page: made
 * later, it cost parsing both models back out of SQLite (~1.5–2.7 MB of
 * JSON on a LoC scan) in the view worker, beside the import, for every page.
 */
export interface ProcessedPageWire {
  number: number;
  /** The raw page without its items, as UTF-8 JSON (`"items":null` in their place). */
  rawJson: Uint8Array;
  /** The raw items' BLOB (raw-items-codec.ts). */
  rawItems: Uint8Array;
  /** Absent when the page was extracted without cleaning. */
  cleanedJson?: Uint8Array;
  /** JSON of the page's view (PageViewWire), present with `cleanedJson`. */
  viewJson?: Uint8Array;
  text?: IndexPageInput;
}

/** JSON text, as a string or as its UTF-8 bytes: the library stores either as TEXT (LibraryStore addPageJson). */
export type JsonText = string | Uint8Array;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const asString = (json: JsonText) => (typeof json === 'string' ? json : fromUtf8.decode(json));

export class ProcessedPage {
  readonly number: number;
  #raw: RawPage | undefined;
  #cleaned: CleanedPage | undefined;
  #rawStored: StoredRaw | undefined;
  #cleanedJson: JsonText | undefined;
  #viewJson: JsonText | undefined;
  #text: IndexPageInput | undefined;

  private constructor(number: number) {
    this.number = number;
  }

  /** From models in hand (extraction on this thread). */
  static of(raw: RawPage, cleaned: CleanedPage): ProcessedPage {
    const p = new ProcessedPage(raw.number);
    p.#raw = raw;
    p.#cleaned = cleaned;
    return p;
  }

  /** As it came from a worker (toWire). */
  static fromWire(wire: ProcessedPageWire): ProcessedPage {
    const p = new ProcessedPage(wire.number);
    p.#rawStored = { json: wire.rawJson, items: wire.rawItems };
    p.#cleanedJson = wire.cleanedJson;
    p.#viewJson = wire.viewJson;
    p.#text = wire.text;
    return p;
  }

  /** What a worker posts: UTF-8 JSON (own buffers, to transfer: `transferables`) and the small text object. */
  static toWire(raw: RawPage, cleaned?: CleanedPage): ProcessedPageWire {
    const stored = splitRawPage(raw);
    const wire: ProcessedPageWire = { number: raw.number, rawJson: utf8.encode(stored.json as string), rawItems: stored.items };
    if (cleaned) {
      wire.cleanedJson = utf8.encode(JSON.stringify(cleaned));
      wire.viewJson = utf8.encode(viewJsonOf(raw, cleaned));
      wire.text = indexText(raw, cleaned);
    }
    return wire;
  }

  /** The buffers of a wire page, for postMessage's transfer list. */
  static transferables(wire: ProcessedPageWire): ArrayBuffer[] {
    return [wire.rawJson, wire.rawItems, ...(wire.cleanedJson ? [wire.cleanedJson] : []), ...(wire.viewJson ? [wire.viewJson] : [])].map((b) => b.buffer as ArrayBuffer);
  }

  /** The raw page as the library stores it (LibraryStore addPageJson). */
  get rawJson(): StoredRaw {
    return (this.#rawStored ??= splitRawPage(this.#raw!));
  }

  get cleanedJson(): JsonText {
    if (this.#cleanedJson === undefined && this.#cleaned === undefined) throw new Error(`page ${this.number} was extracted without cleaning`);
    return (this.#cleanedJson ??= JSON.stringify(this.#cleaned));
  }

  /** The page view's JSON as the library stores it (pages.view); null for a page extracted without cleaning. */
  get viewJson(): JsonText | null {
    if (this.#viewJson !== undefined) return this.#viewJson;
    if (this.#cleaned === undefined && this.#cleanedJson === undefined) return null;
    return (this.#viewJson = viewJsonOf(this.raw, this.cleaned));
  }

  get raw(): RawPage {
    return (this.#raw ??= joinRawPage(asString(this.#rawStored!.json), this.#rawStored!.items, `page ${this.number}`));
  }

  get cleaned(): CleanedPage {
    if (this.#cleanedJson === undefined && this.#cleaned === undefined) throw new Error(`page ${this.number} was extracted without cleaning`);
    return (this.#cleaned ??= JSON.parse(asString(this.#cleanedJson!)) as CleanedPage);
  }

  /** The search index's view of the page (stored-page-texts.ts). */
  get text(): IndexPageInput {
    return (this.#text ??= indexText(this.raw, this.cleaned));
  }
}

/** The stored form of a page's view: its PageViewWire as JSON (the library passes it through: page-views.ts). */
export function viewJsonOf(raw: RawPage, cleaned: CleanedPage): string {
  return JSON.stringify(encodePageView({ ...raw, ...cleaned }));
}

/** Block ids, kinds and texts, and the raw text: all the search index reads of a page. */
export function indexText(raw: RawPage, cleaned: CleanedPage): IndexPageInput {
  return { number: raw.number, blocks: cleaned.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text })), raw: rawText(raw.items) };
}
