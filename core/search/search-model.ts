import type { Rect } from '../page-model.ts';
import type { Range } from './snippet.ts';

/** Search results as they cross the contract, the CLI's JSON and the renderer. */

/** Which text a hit was found in: the cleaned layer, a corrected block (see SearchIndex.indexPage), or the raw extraction. */
export type HitLayer = 'cleaned' | 'corrected' | 'raw';

export interface SearchHit {
  /** Document id (SHA-256 of the original). */
  document: string;
  page: number;
  /** Block id ("p1b12"); null for a raw-layer hit, whose unit is the page's raw text. */
  block: string | null;
  layer: HitLayer;
  /** Block kind (headline, paragraph, …); "raw" for raw-layer hits. */
  kind: string;
  /** Excerpt with the hit; `marks` are the matched characters inside it. */
  snippet: string;
  marks: Range[];
  /** The matched characters as [start, end) offsets in the block's text (raw layer: in the page's raw text). */
  ranges: Range[];
  /** False when the block matched only through prefix or fuzzy alternatives (ranked below exact hits). */
  exact: boolean;
  score: number;
  /** Page rectangles of the matched characters, when asked for (`rects: true`). */
  rects?: Rect[];
}

export interface IndexProgress {
  /** Documents indexed so far in the current catch-up, and how many it covers. */
  done: number;
  total: number;
  /** Why the index is being (re)built: "new", "outdated", "damaged", "behind". */
  reason: string;
}

export interface SearchResult {
  /** Every matching block, not just those returned. */
  total: number;
  /** Time inside the search call, index already open. */
  tookMs: number;
  hits: SearchHit[];
  /** Non-null while the index is catching up with the library: results may be incomplete. */
  indexing: IndexProgress | null;
  /**
   * Set only when nothing was found with simplified and traditional told apart (`variants` off) and the query
   * would find blocks with them matched alike: how many (职工 finds nothing, but 職工 is in the library). The
   * reader offers to tick the box instead of leaving the archivist at "No hits".
   */
  withVariants?: number;
  /**
   * Beside withVariants: the query in its other written form(s) (职工 for 職工), so the offer to match both forms can
   * say what it will search for, not only name the box it ticks.
   */
  otherForms?: string[];
}
