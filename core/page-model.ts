/**
 * The page model shared by every process. Plain data only: it crosses IPC,
 * HTTP and the CLI's JSON output unchanged.
 *
 * Coordinates are PDF points from the page's top-left corner, y pointing down.
 */

export type Rect = [x0: number, y0: number, x1: number, y1: number];

/** pdf.js text transform [a, b, c, d, e, f] in PDF user space (y up). */
export type Transform = [number, number, number, number, number, number];

/**
 * One text item exactly as the extractor saw it, in content-stream order.
 * The raw layer is stored once and never altered.
 */
export interface RawItem {
  /** Text as drawn, overprints included. */
  str: string;
  /** Font resource name as pdf.js reports it (e.g. "g_d0_f1"). */
  font: string;
  /** Font size in points, derived from the transform. */
  size: number;
  transform: Transform;
  /** Bounding box, top-left origin. A `.txt` dump has [0, 0, 0, 0]. */
  rect: Rect;
  /** True when the extractor saw a line end after this item. */
  eol: boolean;
  /** Vertical text (CJK top-to-bottom). */
  vertical?: boolean;
}

/** An image placement found in the operator list. */
export interface RawImage {
  rect: Rect;
  /** Intrinsic size in pixels, when known. */
  pixelWidth?: number;
  pixelHeight?: number;
}

export interface RawPage {
  number: number;
  width: number;
  height: number;
  items: RawItem[];
  images: RawImage[];
  /**
   * Illustrations the page's OCR marked (ALTO Illustration/GraphicalElement),
   * top-left page points, when an OCR file came with a scan.
   */
  illustrations?: Rect[];
}

export type BlockKind = 'headline' | 'subhead' | 'paragraph' | 'caption' | 'byline' | 'other';

/**
 * Where a cleaned character came from: [item index, character index in item.str].
 * [-1, -1] marks a character cleaning inserted (a space between Latin words
 * that sat in separate items, or a "\n" between the lines of a heading).
 */
export type CharSource = [item: number, char: number];

export interface Block {
  /** Stable within a page: "p<page>b<index in reading order>". */
  id: string;
  kind: BlockKind;
  /** Reading text; a heading set on several lines keeps them, separated by "\n". */
  text: string;
  /** One rect per column segment the block occupies (empty for text-only pages). */
  rects: Rect[];
  /** One entry per UTF-16 code unit of `text`. */
  map: CharSource[];
  /** Set when `text` is an archivist's correction rather than cleaning's output (core/corrections). */
  corrected?: true;
}

/** The page number in a block id ("p<page>b<k>", as cleaning makes them in core/cleaning); null when the id is not one. */
export function pageOfBlock(id: string): number | null {
  const m = /^p(\d+)b\d+$/.exec(id);
  return m ? Number(m[1]) : null;
}

/** The page number in a photo id ("p<page>i<k>"); null when the id is not one. */
export function pageOfPhoto(id: string): number | null {
  const m = /^p(\d+)i\d+$/.exec(id);
  return m ? Number(m[1]) : null;
}

export type EditReason = 'overprint' | 'justification-space' | 'hyphenation' | 'whitespace';

/** A stretch of raw text that cleaning removed, and why. */
export interface Edit {
  reason: EditReason;
  item: number;
  /** [start, end) in UTF-16 code units of items[item].str. */
  start: number;
  end: number;
}

/** How a link between a photo and a paragraph came to be. */
export type LinkOrigin = 'auto' | 'confirmed' | 'added';

export interface PhotoLink {
  /** Block id of the paragraph ("p<page>b<k>": it may be on another page of the document). */
  block: string;
  /** Caption similarity combined with layout proximity, 0–1 (rounded to 3 places). */
  score: number;
  /** Set when the archivist confirmed or added the link; absent for the linker's own. */
  origin?: Exclude<LinkOrigin, 'auto'>;
}

export interface Photo {
  /** "p<page>i<k>": k-th photo of the page, top to bottom. */
  id: string;
  rect: Rect;
  /** Block id of the caption, or null. */
  caption: string | null;
  /** Paragraphs the photo illustrates, best first. */
  links: PhotoLink[];
}

/**
 * Where a page's blocks, lines and reading order came from: derived from the
 * PDF's text ('pdf'), taken from the OCR engine's ALTO file that came with the
 * scan ('alto'; the PDF's text stays the raw layer), or a text dump's
 * paragraphs ('text').
 */
export type LayoutSource = 'pdf' | 'alto' | 'text';

export interface CleanedPage {
  blocks: Block[];
  edits: Edit[];
  photos: Photo[];
  /** Absent on pages stored before the layout source was recorded: those were derived from the PDF or text. */
  layout?: LayoutSource;
}

export interface PageModel extends RawPage, CleanedPage {}

/** Number of removals (edits, not characters) by reason: what the diff summary shows. */
export type EditSummary = Record<EditReason, number>;

export function summarizeEdits(edits: readonly Edit[]): EditSummary {
  const summary: EditSummary = { overprint: 0, 'justification-space': 0, hyphenation: 0, whitespace: 0 };
  for (const e of edits) summary[e.reason] += 1;
  return summary;
}

/** Raw text in content-stream order, overprints included; items on one line are concatenated. */
export function rawText(items: readonly RawItem[]): string {
  let out = '';
  for (const it of items) out += it.str + (it.eol ? '\n' : '');
  return out;
}

/** The JSON printed by `broadsheet extract --json` (schema 2: photos carry caption ids and scored links). */
export interface ExtractJson {
  schema: 2;
  file: string;
  sha256: string;
  pages: Array<{
    number: number;
    width: number;
    height: number;
    raw: string;
    /** Where the blocks and their order came from ('alto' when an ALTO file came with the scan). */
    layout?: LayoutSource;
    blocks: Array<{ id: string; kind: BlockKind; text: string; rects: Rect[] }>;
    photos: Photo[];
  }>;
}
