import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import path from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RawImage, RawItem, RawPage, Rect } from '../../core/page-model.ts';
import { multiply, type ImagePlacement, type Matrix } from './content-stream-images.ts';
import { deferCanvasLoad } from './defer-canvas.ts';
import { openPlacementReader, type PlacementReader } from './image-placements.ts';
import { loadPdfLib } from './pdf-lib-load.ts';
import { inThreadPdfWorker } from './pdfjs-in-thread.ts';
import type { TextLayerItems } from './simple-text-layer.ts';
import { collectGarbage } from './worker-gc.ts';
import { describeOpenError } from './pdf-open-error.ts';

/**
 * PDF → raw layer, page by page, with pdf.js. The raw layer is kept exactly as
 * pdf.js reports it (empty and whitespace items, overprints, hasEOL markers):
 * cleaning happens later and must be able to point back into it.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;
type TextItem = Extract<TextContent['items'][number], { str: string }>;

export interface ExtractOptions {
  /** Extract only these 1-based page numbers (default: all). */
  pages?: readonly number[];
  /**
   * [k, n]: extract only every n-th page starting at page k + 1, so that n
   * workers can share one long document. Applied after `pages`.
   */
  shard?: readonly [index: number, count: number];
  /**
   * Report no images at all. The text is read as without it (by the fast
   * reader where it can): tests that measure text with it measure the app's
   * own reading.
   */
  skipImages?: boolean;
  /**
   * Where image placements come from. 'content-stream' (default) reads the
   * page's operators with pdf-lib and decodes no image; 'operator-list' asks
   * pdf.js, which decodes every image (slow on scans). The default falls back
   * to the operator list by itself when pdf-lib cannot read the file or it is
   * encrypted. 'operator-list' is kept for that and for comparing the two.
   */
  imageSource?: 'content-stream' | 'operator-list';
  /**
   * Pages shared with other workers extracting the same document: slot 0 of
   * this Int32Array (over a SharedArrayBuffer) counts pages handed out, and
   * each worker takes the next one with Atomics.add until none is left. The
   * pages then come in no fixed order, but a long page never holds the other
   * worker idle, and a one-page file is only ever opened by one of them.
   * Slot 1 is set to the page count by the first worker that opens the file,
   * so a worker that starts after the last page was taken never opens it.
   * Replaces `pages` and `shard`.
   */
  claim?: Int32Array;
  /**
   * 'auto' (default): a page whose text layer simple-text-layer.ts can read
   * (one standard Courier, WinAnsi, plain operators: OCR layers over scans)
   * is read by it, every other page by pdf.js. 'pdfjs': every page by pdf.js
   * (for comparing the two).
   */
  textReader?: 'auto' | 'pdfjs';
  /**
   * The fast reader's TextLayerOptions.positionedWordSpaces: true (default)
   * adds a space between words an OCR layer places one by one however tight
   * they are set, which pdf.js glues; false gives exactly pdf.js's items (for
   * comparing the two).
   */
  positionedWordSpaces?: boolean;
  /** Pages one pdf.js document extracts before it is opened afresh (default REOPEN_EVERY_PAGES; tests make it small). */
  reopenEvery?: number;
}

/** Claims the next page of a shared document (see ExtractOptions.claim); 0 when none is left. */
export function claimPage(claim: Int32Array, pageCount: number): number {
  const n = Atomics.add(claim, 0, 1) + 1;
  return n <= pageCount ? n : 0;
}

/** True when every page of a shared document is already taken (its page count is known and reached). */
export function allClaimed(claim: Int32Array): boolean {
  const total = Atomics.load(claim, 1);
  return total > 0 && Atomics.load(claim, 0) >= total;
}

let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  // The legacy build is the one pdf.js supports on Node; loaded lazily so importing this module is cheap.
  // Text extraction draws nothing: the canvas pdf.js requires as it loads is loaded only if something does (defer-canvas.ts).
  if (!pdfjsPromise) deferCanvasLoad(path.join(pdfjsDir(), 'legacy', 'build', 'pdf.mjs'));
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/**
 * Loads what extracting a PDF loads on this thread (pdf-lib, pdf.js and its in-thread worker half) now,
 * before the first document comes: an extraction worker started ahead of its first file (ExtractPool.warm)
 * spends the ~0.5 s of CPU this takes while the main thread is still loading its own modules and reading,
 * hashing and storing the file, instead of after. The modules are those the first document would load, once.
 */
export async function warmUp(): Promise<void> {
  await Promise.all([loadPdfLib(), loadPdfJs().then(() => inThreadPdfWorker())]);
}

/** node_modules/pdfjs-dist, resolved at run time so it also works from a bundle that keeps pdfjs-dist external. */
function pdfjsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

function withSlash(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

function looksLikePdf(data: Uint8Array): boolean {
  // pdf.js accepts a header anywhere in the first 1024 bytes; so do we.
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(1024, data.byteLength)).toString('latin1');
  return head.includes('%PDF-');
}

// Same order as pdf.js Util.transform: result = m × n in canvas convention.
const mul = multiply;

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** boxOf for four user-space points (written out: called for every text item of a page, tens of thousands on a scan; same arithmetic, same order). */
function cornersBox(view: Matrix, ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): Rect {
  const v0 = view[0], v1 = view[1], v2 = view[2], v3 = view[3], v4 = view[4], v5 = view[5];
  let x = v0 * ax + v2 * ay + v4;
  let y = v1 * ax + v3 * ay + v5;
  let x0 = Math.min(Infinity, x), y0 = Math.min(Infinity, y), x1 = Math.max(-Infinity, x), y1 = Math.max(-Infinity, y);
  x = v0 * bx + v2 * by + v4;
  y = v1 * bx + v3 * by + v5;
  x0 = Math.min(x0, x);
  y0 = Math.min(y0, y);
  x1 = Math.max(x1, x);
  y1 = Math.max(y1, y);
  x = v0 * cx + v2 * cy + v4;
  y = v1 * cx + v3 * cy + v5;
  x0 = Math.min(x0, x);
  y0 = Math.min(y0, y);
  x1 = Math.max(x1, x);
  y1 = Math.max(y1, y);
  x = v0 * dx + v2 * dy + v4;
  y = v1 * dx + v3 * dy + v5;
  x0 = Math.min(x0, x);
  y0 = Math.min(y0, y);
  x1 = Math.max(x1, x);
  y1 = Math.max(y1, y);
  return [round(x0), round(y0), round(x1), round(y1)];
}

/** Math.hypot(a, b), exactly: with one side 0 (an upright run's matrix) it is the other's magnitude, without hypot's general path. */
function length2(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : a === 0 ? Math.abs(b) : Math.hypot(a, b);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Bounding box of user-space points, in viewport (top-left, y down) coordinates. */
function boxOf(view: Matrix, pts: Array<[number, number]>): Rect {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [ux, uy] of pts) {
    const [x, y] = apply(view, ux, uy);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [round(x0), round(y0), round(x1), round(y1)];
}

/**
 * pdf.js names fonts g_d<document counter>_f<n>; the counter depends on how
 * many documents this thread opened before, so the same file would store
 * different names depending on the worker. Pin it to d0.
 */
export function stableFontName(name: string): string {
  // Asked once per text item (tens of thousands on a scan), for a handful of names.
  let stable = stableNames.get(name);
  if (stable === undefined) {
    stable = name.replace(/^g_d\d+_/, 'g_d0_');
    if (stableNames.size > 10_000) stableNames.clear();
    stableNames.set(name, stable);
  }
  return stable;
}
const stableNames = new Map<string, string>();

interface FontStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** What a raw item's box needs of its font: the vertical extent around the baseline, and whether it is set top to bottom. */
interface FontMetrics {
  ascent: number;
  descent: number;
  vertical: boolean;
}

function fontMetrics(style: FontStyle | undefined): FontMetrics {
  // Same vertical extent pdf.js's own text layer uses: ascent above, descent below the baseline.
  // pdf.js reports NaN for some substituted standard fonts (e.g. OCR "GlyphLessFont").
  const a = Number.isFinite(style?.ascent) ? style!.ascent! : undefined;
  const d = Number.isFinite(style?.descent) ? style!.descent! : undefined;
  const ascent = a ?? (d !== undefined ? 1 + d : 0.8);
  return { ascent, descent: d ?? ascent - 1, vertical: style?.vertical === true };
}

function textItem(item: TextItem, style: FontStyle | undefined, view: Matrix): RawItem {
  const t = item.transform as Matrix;
  return rawItem(item.str, item.width, item.height, t[0], t[1], t[2], t[3], t[4], t[5], stableFontName(item.fontName), item.hasEOL, fontMetrics(style), view);
}

/** The raw items of a page the fast reader read, from its columns (no pdf.js TextItem objects in between). */
function layerItems(layer: TextLayerItems, styles: Record<string, FontStyle>, view: Matrix): RawItem[] {
  const items: RawItem[] = [];
  const tr = layer.transform;
  // A page has a handful of fonts, often one: each one's name and metrics are looked up once.
  let lastName = '', font = '', metrics = fontMetrics(undefined);
  for (let k = 0; k < layer.count; k++) {
    const fontName = layer.fontName[k];
    if (fontName !== lastName) {
      lastName = fontName;
      font = stableFontName(fontName);
      metrics = fontMetrics(styles[fontName]);
    }
    const at = 6 * k;
    items.push(rawItem(layer.str[k], layer.width[k], layer.height[k], tr[at], tr[at + 1], tr[at + 2], tr[at + 3], tr[at + 4], tr[at + 5], font, layer.hasEOL[k] === 1, metrics, view));
  }
  return items;
}

/** A pdf.js text item (its fields one by one; its font's stable name and metrics) as a raw item. */
function rawItem(
  str: string, width: number, height: number,
  t0: number, t1: number, t2: number, t3: number, t4: number, t5: number,
  font: string, hasEOL: boolean, metrics: FontMetrics, view: Matrix,
): RawItem {
  const sizeV = length2(t2, t3);
  const sizeU = length2(t0, t1);
  const size = sizeV || sizeU;
  const { ascent, descent, vertical } = metrics;
  let rect: Rect;
  if (vertical) {
    // Vertical runs grow downwards from the origin and are centred on it horizontally.
    const w = width || size;
    rect = boxOf(view, [
      [t4 - w / 2, t5],
      [t4 + w / 2, t5 - height],
    ]);
  } else {
    const ux = sizeU ? t0 / sizeU : 1;
    const uy = sizeU ? t1 / sizeU : 0;
    const vx = sizeV ? t2 / sizeV : -uy;
    const vy = sizeV ? t3 / sizeV : ux;
    const h = height || size;
    const w = width;
    // boxOf over the four corners, without the arrays (a scan has tens of thousands of items); same arithmetic.
    const lo = descent * h, hi = ascent * h;
    rect = cornersBox(
      view,
      t4 + ux * 0 + vx * lo, t5 + uy * 0 + vy * lo,
      t4 + ux * w + vx * lo, t5 + uy * w + vy * lo,
      t4 + ux * 0 + vx * hi, t5 + uy * 0 + vy * hi,
      t4 + ux * w + vx * hi, t5 + uy * w + vy * hi,
    );
  }
  const out: RawItem = {
    str,
    font,
    size: round(size),
    transform: [round(t0), round(t1), round(t2), round(t3), round(t4), round(t5)],
    rect,
    eol: hasEOL,
  };
  if (vertical) out.vertical = true;
  return out;
}

const UNIT_SQUARE: Array<[number, number]> = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
];

/** An image painted under user-space matrix `m`, in page (viewport) coordinates. */
function imageAt(view: Matrix, m: Matrix, pixelWidth?: number, pixelHeight?: number): RawImage {
  const img: RawImage = { rect: boxOf(view, UNIT_SQUARE.map(([x, y]) => apply(m, x, y))) };
  if (pixelWidth) img.pixelWidth = pixelWidth;
  if (pixelHeight) img.pixelHeight = pixelHeight;
  return img;
}

function placedImages(placements: ImagePlacement[], view: Matrix): RawImage[] {
  return placements.map((p) => imageAt(view, p.ctm, p.pixelWidth, p.pixelHeight));
}

/** Walks the operator list tracking the CTM and records where images are painted. */
function imagePlacements(OPS: PdfJs['OPS'], fnArray: number[], argsArray: unknown[][], view: Matrix): RawImage[] {
  const images: RawImage[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const place = (m: Matrix, pixelWidth?: number, pixelHeight?: number) => images.push(imageAt(view, m, pixelWidth, pixelHeight));
  for (let i = 0; i < fnArray.length; i++) {
    const args = argsArray[i] as never[];
    switch (fnArray[i]) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = mul(ctm, args as unknown as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = (args as unknown[])[0] as Matrix | null;
        if (m) ctm = mul(ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.paintImageXObject: {
        const [, w, h] = args as unknown as [string, number, number];
        place(ctm, w, h);
        break;
      }
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject: {
        const img = (args as unknown[])[0] as { width?: number; height?: number };
        place(ctm, img?.width, img?.height);
        break;
      }
      case OPS.paintSolidColorImageMask:
        place(ctm, 1, 1);
        break;
      case OPS.paintImageXObjectRepeat: {
        const [, sx, sy, positions] = args as unknown as [string, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < positions.length; k += 2) place(mul(ctm, [sx, 0, 0, sy, positions[k], positions[k + 1]]));
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        const [img, sx, kx, ky, sy, positions] = args as unknown as [{ width?: number; height?: number }, number, number, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < positions.length; k += 2) place(mul(ctm, [sx, kx, ky, sy, positions[k], positions[k + 1]]), img?.width, img?.height);
        break;
      }
      case OPS.paintInlineImageXObjectGroup: {
        const [img, map] = args as unknown as [{ width?: number; height?: number }, Array<{ transform: Matrix }>];
        for (const entry of map) place(mul(ctm, entry.transform), img?.width, img?.height);
        break;
      }
      case OPS.paintImageMaskXObjectGroup: {
        const [group] = args as unknown as [Array<{ transform: Matrix; width?: number; height?: number }>];
        for (const entry of group) place(mul(ctm, entry.transform), entry.width, entry.height);
        break;
      }
    }
  }
  return images;
}

async function extractPage(pdfjs: PdfJs, page: PDFPageProxy, number: number, opts: ExtractOptions, placements: PlacementReader | null): Promise<RawPage> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as Matrix;
  // A simple OCR text layer is read without pdf.js's font machinery, into the very items pdf.js would give (simple-text-layer.ts),
  // but for the spaces pdf.js misses between words the layer places one by one, set tight (positionedWordSpaces).
  const simple = opts.textReader === 'pdfjs' ? undefined : placements?.textLayer(number, page.view, { positionedWordSpaces: opts.positionedWordSpaces ?? true });
  let items: RawItem[];
  if (simple && 'items' in simple) items = layerItems(simple.items, simple.styles, view);
  else {
    const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
    const styles = content.styles as Record<string, FontStyle>;
    items = [];
    for (const it of content.items) {
      if ('str' in it) items.push(textItem(it, styles[it.fontName], view));
    }
  }
  let images: RawImage[] = [];
  if (!opts.skipImages) {
    // The fast text reader saw the page's images in the same pass; otherwise content-stream-images.ts reads them.
    const found = simple && 'images' in simple ? simple.images : placements?.page(number);
    if (found) images = placedImages(found, view);
    else {
      const ops = await page.getOperatorList();
      images = imagePlacements(pdfjs.OPS, ops.fnArray, ops.argsArray as unknown[][], view);
    }
  }
  return { number, width: round(viewport.width), height: round(viewport.height), items, images };
}

/** Document information a newspaper PDF may carry (typesetting systems often fill Title). */
export interface PdfInfo {
  title?: string;
  subject?: string;
  author?: string;
  /** Pages in the whole document (not only those this extraction was asked for). */
  pageCount?: number;
}

function infoString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 1000) : undefined;
}

/**
 * Yields one RawPage at a time; page resources are released after each so a
 * 200-page file does not accumulate fonts and decoded images.
 *
 * Throws Error("<reason>" or "<reason>: <detail>", see pdf-open-error.ts) with reason one of "not a PDF",
 * "truncated or corrupt PDF", "encrypted (password required)", "no pages".
 * `data` is consumed: pdf.js may take ownership of its buffer.
 */
export async function* extractPages(data: Uint8Array, opts: ExtractOptions = {}, onInfo?: (info: PdfInfo) => void): AsyncGenerator<RawPage> {
  if (data.byteLength === 0 || !looksLikePdf(data)) {
    throw Object.assign(new Error('not a PDF: no %PDF- header'), { reason: 'not a PDF' });
  }
  // A helper that starts after the other worker took the last page has nothing to do: it opens nothing.
  if (opts.claim && allClaimed(opts.claim)) return;
  // Before pdf.js sees `data`: it may take the buffer over, and pdf-lib keeps copies of what it needs.
  // Opened with skipImages too: the page's text is read through it (the fast reader), as the app reads it.
  let placements = opts.imageSource === 'operator-list' || (opts.skipImages && opts.textReader === 'pdfjs') ? null : await openPlacementReader(data);
  const pdfjs = await loadPdfJs();
  const worker = await inThreadPdfWorker();
  const dir = pdfjsDir();
  const open = (bytes: Uint8Array) =>
    pdfjs.getDocument({
      data: bytes,
      // Text chunks cross from pdf.js's worker half uncloned (pdfjs-in-thread.ts).
      worker,
      useSystemFonts: false,
      // isEvalSupported is gone in pdf.js 6 (it no longer compiles fonts with eval); nothing to turn off.
      disableFontFace: true,
      verbosity: 0,
      standardFontDataUrl: withSlash(path.join(dir, 'standard_fonts')),
      cMapUrl: withSlash(path.join(dir, 'cmaps')),
      cMapPacked: true,
      wasmUrl: withSlash(path.join(dir, 'wasm')),
    });
  const shared = data.buffer instanceof SharedArrayBuffer;
  let task = open(data);
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw describeOpenError(err);
  }
  try {
    if (doc.numPages === 0) throw Object.assign(new Error('no pages: the document has an empty page tree'), { reason: 'no pages' });
    // A damaged page tree that the two libraries repair differently would put images on the wrong pages.
    if (placements && placements.pageCount !== doc.numPages) placements = null;
    if (onInfo) {
      const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
      onInfo({ title: infoString(info.Title), subject: infoString(info.Subject), author: infoString(info.Author), pageCount: doc.numPages });
    }
    const claim = opts.claim;
    if (claim) Atomics.compareExchange(claim, 1, 0, doc.numPages);
    let numbers: Iterable<number> = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    if (claim) numbers = claimed(claim, doc.numPages);
    else if (opts.shard) {
      const [k, n] = opts.shard;
      numbers = [...numbers].filter((_, i) => i % n === k);
    }
    let sinceOpen = 0;
    for (const n of numbers) {
      if (++sinceOpen > (opts.reopenEvery ?? REOPEN_EVERY_PAGES)) {
        // pdf.js keeps every page it has loaded (and each object it parsed) until the document is
        // destroyed: 45 KB a page, so a 10,000-page file grew a worker by about 450 MB. Opening
        // the same bytes afresh now and then keeps a worker's memory flat at any length.
        // Bytes shared with other workers (a SharedArrayBuffer) are still ours to reopen; pdf.js took
        // any other buffer over, and hands back a copy of it.
        const bytes = shared ? data : await doc.getData();
        await task.destroy();
        // The old document's objects are garbage now: collect them before the new parse piles on top
        // (an extraction worker; on a caller's thread, V8 decides).
        if (!isMainThread) collectGarbage();
        placements?.fontNames.reset();
        task = open(bytes);
        doc = await task.promise;
        sinceOpen = 1;
      }
      let page: PDFPageProxy;
      try {
        page = await doc.getPage(n);
      } catch (err) {
        throw describeOpenError(err);
      }
      try {
        yield await extractPage(pdfjs, page, n, opts, placements);
      } finally {
        page.cleanup();
      }
      // Pages handed out so far (by the shared counter, or in order here) are never asked for again.
      if (claim) placements?.release(Atomics.load(claim, 0));
      else if (!opts.pages && !opts.shard) placements?.release(n);
    }
  } finally {
    // The pdf-lib document goes with this generator's frame; nothing else refers to it.
    await task.destroy();
  }
}

/** Pages one pdf.js document extracts before it is opened afresh (see extractPages). */
export const REOPEN_EVERY_PAGES = 250;

function* claimed(claim: Int32Array, pageCount: number): Generator<number> {
  for (let n: number; (n = claimPage(claim, pageCount)) > 0; ) yield n;
}

/** Convenience for tests and small files: every page in memory. */
export async function extractAll(data: Uint8Array, opts?: ExtractOptions): Promise<RawPage[]> {
  const pages: RawPage[] = [];
  for await (const p of extractPages(data, opts)) pages.push(p);
  return pages;
}
