import { rawText, type CleanedPage, type RawPage } from '../../core/page-model.ts';
import type { IndexPageInput } from '../search/search-index.ts';

/**
 * One page as extraction hands it to the library: the raw and cleaned
 * models as the JSON text the library stores, and the text the search index
 * takes. An extraction worker makes it (extract-worker.ts), so the main
 * thread neither deserializes a page's object graph (a scanned newspaper
 * page is ~16,000 raw items and a character map: structured-cloning the two
 * cost 30–40 ms a page, its JSON text 1–2 ms) nor stringifies it again for
 * SQLite: it stores the text it is given. `raw` and `cleaned` parse the
 * models back, for the few callers that need them as objects.
 */
export interface ProcessedPageWire {
  number: number;
  rawJson: string;
  /** Absent when the page was extracted without cleaning. */
  cleanedJson?: string;
  text?: IndexPageInput;
}

export class ProcessedPage {
  readonly number: number;
  #raw: RawPage | undefined;
  #cleaned: CleanedPage | undefined;
  #rawJson: string | undefined;
  #cleanedJson: string | undefined;
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
    p.#rawJson = wire.rawJson;
    p.#cleanedJson = wire.cleanedJson;
    p.#text = wire.text;
    return p;
  }

  /** What a worker posts: strings and the small text object only. */
  static toWire(raw: RawPage, cleaned?: CleanedPage): ProcessedPageWire {
    const wire: ProcessedPageWire = { number: raw.number, rawJson: JSON.stringify(raw) };
    if (cleaned) {
      wire.cleanedJson = JSON.stringify(cleaned);
      wire.text = indexText(raw, cleaned);
    }
    return wire;
  }

  get rawJson(): string {
    return (this.#rawJson ??= JSON.stringify(this.#raw));
  }

  get cleanedJson(): string {
    if (this.#cleanedJson === undefined && this.#cleaned === undefined) throw new Error(`page ${this.number} was extracted without cleaning`);
    return (this.#cleanedJson ??= JSON.stringify(this.#cleaned));
  }

  get raw(): RawPage {
    return (this.#raw ??= JSON.parse(this.#rawJson!) as RawPage);
  }

  get cleaned(): CleanedPage {
    if (this.#cleanedJson === undefined && this.#cleaned === undefined) throw new Error(`page ${this.number} was extracted without cleaning`);
    return (this.#cleaned ??= JSON.parse(this.#cleanedJson!) as CleanedPage);
  }

  /** The search index's view of the page (stored-page-texts.ts). */
  get text(): IndexPageInput {
    return (this.#text ??= indexText(this.raw, this.cleaned));
  }
}

/** Block ids, kinds and texts, and the raw text: all the search index reads of a page. */
export function indexText(raw: RawPage, cleaned: CleanedPage): IndexPageInput {
  return { number: raw.number, blocks: cleaned.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text })), raw: rawText(raw.items) };
}
