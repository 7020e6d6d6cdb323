import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { previewDir, pruneOrphanPreviews } from './preview-files.ts';
import type { PDFDocument } from 'pdf-lib';
import { loadQuietly } from '../extract/pdf-lib-load.ts';
import type { RawImage } from '../../core/page-model.ts';
import { tempName } from '../library/import-owner.ts';
import type { LibraryStore } from '../library/library-store.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { PageViews } from '../library/page-views.ts';
import { MIN_PAGE_SHARE, pageJpeg, type PageJpeg } from './page-jpeg.ts';
import { TypesetRaster } from './typeset-raster.ts';
import { CoalescedRun } from '../services/coalesced-run.ts';
import { ViewEncoder } from './view-encoder.ts';
import { foreground } from '../services/foreground.ts';

/**
 * Downscaled previews of scanned pages, so the reader shows a page at once
 * and pdf.js paints the sharp page over it when it is ready (pdf.js decodes a
 * scan's whole 9–14-megapixel JPEG at any zoom: most of a second here).
 *
 * A preview is the page's scanned JPEG taken out of the PDF (page-jpeg.ts)
 * and shrunk to PREVIEW_WIDTH pixels across the page with sharp (libvips:
 * the JPEG decoder scales while decoding, ~50–80 ms a page). Previews live in the
 * library folder beside the originals, which they never touch:
 *
 *   previews/<id[0..2]>/<id>/<page>.v<PREVIEW_VERSION>.jpg    the preview
 *   previews/<id[0..2]>/<id>/<page>.v<PREVIEW_VERSION>.none   no preview possible, and why (rotated scans, JPX…)
 *
 * A typeset page (no picture covering most of it) has no JPEG to take: pdf.js
 * draws it in a worker thread (typeset-raster.ts), at the same width. Those
 * are made only in the background or when asked for, never while an import's
 * answer waits (`ensure(…, { typeset: false })`): ~0.13 s of CPU a page, the
 * first ~0.2–0.6 s as the worker loads pdf.js (bench/typeset-previews.ts).
 *
 * They are made in the background for every document that lacks them (at
 * start, and after each library change: imports by this process or another,
 * together with the pages' compact views, library/page-views.ts),
 * and on demand when the reader asks for a page that has none yet. Previews of
 * documents removed from the library are removed with them.
 */

/**
 * Pixels across the page and JPEG quality: the dense LoC scans (1859, 1870,
 * 1918) come to ~200 KB, their headlines and body type still legible (at
 * 1024 px and quality 70, as previews were first made, ~0.5 MB: more to
 * fetch and decode while pdf.js wants the same CPU). 768 px or quality 20
 * reach ~130 KB but blur the body type; mozjpeg saves a further third at
 * 10× the encoding time (1 s a page), too dear for thousands of pages.
 * A fit-page view on a 1440×900 window shows the page ~400 px wide.
 */
export const PREVIEW_WIDTH = 900;
const QUALITY = 25;
/**
 * A drawn page is sharp black type on white, which JPEG rings around: at 30 the
 * CJK fixture's body type stays legible at 900 px (199 KB; 246 KB at 45, 288 KB at 60).
 */
const TYPESET_QUALITY = 30;
/**
 * In the file name, so a library with previews of an older size or quality
 * gets new ones: an older file counts as missing, is made again in the
 * background (or on demand), and the old one is removed then.
 */
export const PREVIEW_VERSION = 2;
/** pdf-lib holds the whole file in memory: larger originals get no preview. */
const MAX_PDF_BYTES = 256 * 1024 * 1024;

const NO_SHARP = 'sharp is not available';
const NO_RENDERER = 'pdf.js cannot draw pages here';
const UNREADABLE = 'pdf-lib cannot read the file';
/** The longest the background pass checks documents without letting requests in. */
const SCAN_SLICE_MS = 10;

export type PreviewState = 'ready' | 'pending' | 'none';

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp | null> | null = null;
/** sharp is a native module: loaded when first needed, and its absence means no previews, not a broken app. */
function loadSharp(): Promise<Sharp | null> {
  return (sharpModule ??= import('sharp').then(
    (m) => m.default,
    (err: unknown) => {
      console.error(`previews off: sharp did not load (${(err as Error).message.split('\n')[0]})`);
      return null;
    },
  ));
}

/** Resizes a page's JPEG into a preview of the whole page (white where the picture does not reach). */
export async function renderPreview(pj: PageJpeg, page: { width: number; height: number }, width = PREVIEW_WIDTH): Promise<Buffer | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  // Never more pixels than the scan has.
  const ppp = Math.min(width / page.width, pj.pixelWidth / Math.max(1e-6, pj.rect[2] - pj.rect[0]));
  const W = Math.max(1, Math.round(page.width * ppp));
  const H = Math.max(1, Math.round(page.height * ppp));
  const [x0, y0, x1, y1] = pj.rect.map((v) => Math.round(v * ppp));
  const iw = Math.max(1, x1 - x0);
  const ih = Math.max(1, y1 - y0);
  const picture = sharp(pj.jpeg, { failOn: 'error' }).resize({ width: iw, height: ih, fit: 'fill' });
  if (x0 === 0 && y0 === 0 && iw === W && ih === H) return picture.jpeg({ quality: QUALITY }).toBuffer();
  // The picture does not fill the page: place it on white, cropped to the page.
  const left = Math.max(0, x0);
  const top = Math.max(0, y0);
  const crop = await picture
    .extract({ left: left - x0, top: top - y0, width: Math.max(1, Math.min(iw, W - left) - (left - x0)), height: Math.max(1, Math.min(ih, H - top) - (top - y0)) })
    .toBuffer();
  return sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } })
    .composite([{ input: crop, left, top }])
    .jpeg({ quality: QUALITY })
    .toBuffer();
}

export class PreviewService {
  private readonly store: LibraryStore;
  private readonly root: string;
  private readonly inFlight = new Map<string, Promise<string | null>>();
  /** The last PDF parsed: the pages of one document are asked for one after another. */
  private parsed: { id: string; doc: Promise<PDFDocument | null> } | null = null;
  /** The background catch-up; the last PDF parsed is let go when it ends. */
  private readonly background = new CoalescedRun(
    () => this.pass(),
    () => this.closed,
    () => (this.parsed = null),
  );
  private closed = false;
  private readonly unsubscribe: (() => void) | null;
  /** Told of each page whose preview was just made or found impossible, or found so by the background pass (first-page-previews.ts keeps the list's column by it). */
  private readonly settled = new Set<(id: string, n: number, state: 'ready' | 'none') => void>();

  private readonly views: PageViews | null;
  /** Draws typeset pages (made on first use; its worker lets go of pdf.js when idle). */
  private raster: TypesetRaster | null = null;
  private readonly rasterWorkerUrl: URL | string | undefined;
  /** Encodes the views off the main thread (null: in-thread, as the CLI does where nothing else waits). */
  private readonly encoder: ViewEncoder | null;

  /**
   * With `views`, the background pass also stores the compact page views (core/page-view) pages lack, encoded in a
   * worker thread (`viewWorkerUrl`: where the bundle put view-encoder-worker.ts) unless `viewWorkerUrl` is null.
   */
  constructor(store: LibraryStore, events?: EventBus, views?: PageViews, viewWorkerUrl?: URL | string | null, rasterWorkerUrl?: URL | string) {
    this.store = store;
    this.rasterWorkerUrl = rasterWorkerUrl;
    this.views = views ?? null;
    this.encoder = views && viewWorkerUrl !== null ? new ViewEncoder(join(store.dir, 'library.sqlite'), viewWorkerUrl ?? undefined) : null;
    this.root = join(store.dir, 'previews');
    this.unsubscribe =
      events?.subscribe((event) => {
        if (event === 'library.changed') setImmediate(() => !this.closed && void this.catchUp());
      }) ?? null;
  }

  private dirOf(id: string): string {
    return previewDir(this.store.dir, id);
  }

  /** Where page `n`'s preview is (whether or not it exists yet). */
  pathOf(id: string, n: number): string {
    return join(this.dirOf(id), `${n}.v${PREVIEW_VERSION}.jpg`);
  }

  /** Previews of page `n` made by older versions (1: `<n>.jpg`), and their "none" files (1: `<n>.none`, which typeset pages had). */
  private olderPaths(id: string, n: number): string[] {
    const older = Array.from({ length: PREVIEW_VERSION - 2 }, (_, i) => i + 2);
    return [
      join(this.dirOf(id), `${n}.jpg`),
      join(this.dirOf(id), `${n}.none`),
      ...older.flatMap((v) => [join(this.dirOf(id), `${n}.v${v}.jpg`), join(this.dirOf(id), `${n}.v${v}.none`)]),
    ];
  }

  /** Versioned like the previews: typeset pages said "none" before version 2 drew them, and are looked at again. */
  private nonePath(id: string, n: number): string {
    return join(this.dirOf(id), `${n}.v${PREVIEW_VERSION}.none`);
  }

  onSettled(listener: (id: string, n: number, state: 'ready' | 'none') => void): () => void {
    this.settled.add(listener);
    return () => this.settled.delete(listener);
  }

  /** Why page `n` has no preview, or null if it has one or it is not known yet. */
  noneReason(id: string, n: number): string | null {
    try {
      return readFileSync(this.nonePath(id, n), 'utf8');
    } catch {
      return null;
    }
  }

  state(id: string, n: number): PreviewState {
    if (existsSync(this.pathOf(id, n))) return 'ready';
    if (existsSync(this.nonePath(id, n))) return 'none';
    return 'pending';
  }

  /**
   * The state the reader is told (document.pageView): a typeset page whose preview is not drawn yet is 'none',
   * so the reader's pdf.js draws it at once (~0.1 s) rather than holding it back for a preview that takes
   * longer to draw here (PageView's HOLD_MS); a scan's pending preview is worth the wait.
   */
  readerState(id: string, n: number): PreviewState {
    const state = this.state(id, n);
    if (state !== 'pending') return state;
    const page = this.pageOf(id, n);
    return page && isTypeset(page) ? 'none' : 'pending';
  }

  private pageOf(id: string, n: number): { width: number; height: number; images: RawImage[] } | null {
    // Size and images from the page view when one is stored: SQLite parses all of a JSON text to pick a field out,
    // ~5 ms for a scan page's 2 MB of raw items, ~0.1 ms for its view (which holds raw's size and images).
    const row = this.store.db
      .prepare(
        "SELECT coalesce(json_extract(view, '$.width'), json_extract(raw, '$.width')) AS width, coalesce(json_extract(view, '$.height'), json_extract(raw, '$.height')) AS height, coalesce(json_extract(view, '$.images'), json_extract(raw, '$.images')) AS images FROM pages WHERE doc_id = ? AND number = ?",
      )
      .get(id, n) as { width: number; height: number; images: string | null } | undefined;
    return row ? { width: row.width, height: row.height, images: JSON.parse(row.images ?? '[]') as RawImage[] } : null;
  }

  /**
   * The preview file of page `n` of a library document, made now if it is
   * missing; null when the page has none. Never a path outside previews/.
   */
  async ensure(id: string, n: number, opts: { typeset?: boolean } = {}): Promise<string | null> {
    const doc = this.store.get(id);
    if (!doc || doc.kind !== 'pdf' || !Number.isInteger(n) || n < 1 || n > doc.pageCount) return null;
    const key = `${id}:${n}`;
    // Without `typeset`, a typeset page's preview is left to the background (it is drawn, not taken out).
    if (opts.typeset === false && !this.inFlight.has(key) && this.state(id, n) === 'pending') {
      const page = this.pageOf(id, n);
      if (page && isTypeset(page)) return null;
    }
    let job = this.inFlight.get(key);
    if (!job) {
      job = this.make(id, n).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, job);
    }
    return job;
  }

  /** A path to serve: the file exists and lies inside previews/ (a planted symlink must not lead out). */
  readyPath(id: string, n: number): string | null {
    const path = this.pathOf(id, n);
    if (!existsSync(path)) return null;
    const real = realpathSync(path);
    return real.startsWith(realpathSync(this.root) + sep) && statSync(real).isFile() ? real : null;
  }

  private async make(id: string, n: number): Promise<string | null> {
    const state = this.state(id, n);
    if (state === 'ready') return this.readyPath(id, n);
    if (state === 'none') return null;
    let outcome: Buffer | string;
    try {
      outcome = await this.build(id, n);
    } catch (err) {
      outcome = `failed: ${(err as Error).message.split('\n')[0]}`;
    }
    // The document may have gone while we worked; a missing sharp or canvas is this installation's problem, not the page's.
    if (!this.store.has(id) || outcome === NO_SHARP || outcome === NO_RENDERER) return null;
    mkdirSync(this.dirOf(id), { recursive: true });
    const tmp = join(this.store.dir, 'tmp', tempName(randomBytes(8).toString('hex')));
    writeFileSync(tmp, outcome);
    renameSync(tmp, typeof outcome === 'string' ? this.nonePath(id, n) : this.pathOf(id, n));
    for (const old of this.olderPaths(id, n)) rmSync(old, { force: true });
    for (const listener of this.settled) listener(id, n, typeof outcome === 'string' ? 'none' : 'ready');
    return typeof outcome === 'string' ? null : this.readyPath(id, n);
  }

  /** The preview's bytes, or the reason there is none. */
  private async build(id: string, n: number): Promise<Buffer | string> {
    const page = this.pageOf(id, n);
    if (!page) return 'no such page';
    if (isTypeset(page)) return this.drawWithPdfJs(id, n, page.width);
    const pdf = await this.pdf(id);
    // A file pdf-lib cannot read (cut short, a broken object: pdf.js repairs more) has its page drawn by pdf.js.
    if (pdf === UNREADABLE) return this.drawWithPdfJs(id, n, page.width);
    if (typeof pdf === 'string') return pdf;
    const found = pageJpeg(pdf, n - 1, page);
    if ('none' in found) return found.none;
    return (await renderPreview(found, page)) ?? NO_SHARP;
  }

  /**
   * A page drawn by pdf.js in the worker (a typeset page, or a scan pdf-lib cannot take the JPEG out of); NO_RENDERER
   * where this installation cannot draw one.
   */
  private async drawWithPdfJs(id: string, n: number, pageWidth: number): Promise<Buffer | string> {
    const path = this.store.objectPath(id);
    if (!path) return 'original missing';
    if (statSync(path).size > MAX_PDF_BYTES) return 'original too large for previews';
    // As a scan's preview: PREVIEW_WIDTH across, never more than 4 pixels a point (a small page is not blown up).
    const width = Math.max(1, Math.round(Math.min(PREVIEW_WIDTH, 4 * pageWidth)));
    const out = await (this.raster ??= new TypesetRaster(this.rasterWorkerUrl)).render(path, n, width, TYPESET_QUALITY);
    if (out === null) return NO_RENDERER;
    return typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  private async pdf(id: string): Promise<PDFDocument | string> {
    if (this.parsed?.id !== id) {
      const path = this.store.objectPath(id);
      if (!path) return 'original missing';
      if (statSync(path).size > MAX_PDF_BYTES) return 'original too large for previews';
      this.parsed = { id, doc: loadQuietly(this.store.readOriginal(id)) };
    }
    const doc = await this.parsed.doc;
    if (!doc) return UNREADABLE;
    return doc.isEncrypted ? 'encrypted' : doc;
  }

  /** Makes the previews every document lacks, one page at a time, and drops those of documents gone. */
  catchUp(): Promise<void> {
    return this.background.request();
  }

  private async pass(): Promise<void> {
    // Requests first (services/foreground.ts); then only what the pass needs of each document, not the whole list.
    await foreground.turn();
    if (this.closed) return;
    const docs = this.store.db.prepare('SELECT id, kind, page_count AS pageCount FROM documents ORDER BY imported_at DESC').all() as Array<{
      id: string;
      kind: string;
      pageCount: number;
    }>;
    const ids = new Set(docs.map((d) => d.id));
    pruneOrphanPreviews(this.store.dir, (id) => ids.has(id) || this.store.has(id));
    let slice = performance.now();
    for (const d of docs) {
      if (this.closed) return;
      // Checking 10,000 documents that need nothing is itself ~200 ms of queries and file checks: in slices, requests between.
      if (performance.now() - slice > SCAN_SLICE_MS) {
        await foreground.turn();
        if (this.closed) return;
        slice = performance.now();
      }
      for (const n of this.views?.missing(d.id) ?? []) {
        if (this.closed) return;
        // Encoding a dense page takes 0.2–2 s here: in the worker, the reader's requests are answered meanwhile.
        const wire = await this.encoder?.encode(d.id, n);
        if (this.closed) return;
        if (typeof wire === 'string') this.views!.storeWire(d.id, n, wire);
        else if (wire === undefined) this.views!.fill(d.id, n);
        // Requests first (services/foreground.ts).
        await foreground.turn();
      }
      if (d.kind !== 'pdf') continue;
      for (let n = 1; n <= d.pageCount; n++) {
        if (this.closed) return;
        const state = this.state(d.id, n);
        if (state !== 'pending') for (const listener of this.settled) listener(d.id, n, state);
        else {
          await this.ensure(d.id, n);
          await foreground.turn();
        }
      }
    }
  }

  /** Resolves when the background work in progress (if any) is done. */
  idle(): Promise<void> {
    return this.background.idle();
  }

  /**
   * Stops the background pass and resolves once its workers have ended: the page view worker's connection to the
   * library, left open, made the library's own close not the last, and its write-ahead log was left unmerged.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await Promise.all([this.encoder?.close(), this.raster?.close()]);
  }
}

/** No picture covers most of the page (page-jpeg.ts's MIN_PAGE_SHARE): type and rules, perhaps photos, drawn by pdf.js. */
export function isTypeset(page: { width: number; height: number; images: readonly RawImage[] }): boolean {
  const area = ([x0, y0, x1, y1]: readonly number[]) => Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return !page.images.some((im) => area(im.rect) >= MIN_PAGE_SHARE * page.width * page.height);
}

