import { decodePageView, type PageView, type PageViewReply, type PageViewWire } from '../../core/page-view/page-view-codec.ts';
import { archive } from './archive.ts';
import { benchSwitch } from './bench-switches.ts';
import { pagePainted } from './paint-first.svelte.ts';
import { markReader } from './reader-marks.ts';
import { previewBytes } from './preview-bytes.ts';

/**
 * The reader's pages: fetched compact (`document.pageView`, see
 * core/page-view) and decoded here, the one place the renderer unpacks them.
 * A page just fetched for a neighbour (prefetch) is served from a small cache
 * so turning to it costs no round trip. A prefetched page is used once
 * (taken out of the cache when opened), so what the reader changes on a page
 * it has open is never overwritten by an older copy.
 */

export type ReaderPage = PageView & {
  docId: string;
  /** 'ready' or 'pending': the page has (or may get) a downscaled preview to show at once; see pageview-preview. */
  preview: PageViewReply['preview'];
  /** Characters of the page view as it came over the bridge (bench:reader prints it). */
  wireChars: number;
};

/**
 * bench:reader's "before": with `broadsheetBench.reader` = `baseline`
 * (lib/bench-switches.ts) the reader works as it did before page views and
 * previews (the full page model from `document.page`, no preview, no
 * prefetch), so both paths are measured in one run on one machine.
 */
export const readerBaseline = benchSwitch('reader') === 'baseline';

const KEEP = 6;
const cache = new Map<string, Promise<ReaderPage>>();
const key = (id: string, n: number) => `${id}:${n}`;

/**
 * What the renderer has learnt of pages' previews this session: from page views ('ready', 'pending', 'none') and
 * from a preview asked for that was not there. Thumbnails ask only where a preview may exist (lib/pdf.ts).
 */
const previewStates = new Map<string, PageViewReply['preview']>();
/** Documents with a page found to have no preview: typeset, most likely, like the rest of their pages. */
const withoutPreviews = new Set<string>();

/** Whether page `n` of `id` may have a preview, as far as this session knows (unknown: it may). */
export function mayHavePreview(id: string, n: number): boolean {
  const state = previewStates.get(key(id, n));
  return state ? state !== 'none' : !withoutPreviews.has(id);
}

/** Records that page `n` of `id` has no preview (its page view said so, or its preview was not found). */
export function noPreview(id: string, n: number): void {
  previewStates.set(key(id, n), 'none');
  withoutPreviews.add(id);
}

/**
 * The page being opened, ahead of its decoded page view: as soon as its page view has come and says the page's
 * size, the page view is told (`onPageComing`) so it can show the page's preview at once; the page view is
 * decoded (and the reader's views updated with it) once that preview has painted, or after COMING_CAP_MS.
 * Decoding first held a dense scan's preview back behind ~25 ms of script, 100–200 ms on a loaded machine
 * (bench/reader-open-trace.ts). Told null: the page last told of is not coming after all (its open failed).
 */
export interface PageComing {
  docId: string;
  page: number;
  width: number;
  height: number;
}
/** Returns whether it shows the page's preview (a page view showing a text dump's text does not). */
type ComingListener = (page: PageComing | null) => boolean;
let comingListener: ComingListener | null = null;
export function onPageComing(fn: ComingListener): () => void {
  comingListener = fn;
  return () => {
    if (comingListener === fn) comingListener = null;
  };
}
const COMING_CAP_MS = 150;
let opening = 0;

async function fetchPage(id: string, n: number, preview: boolean, ticket = 0): Promise<ReaderPage> {
  if (readerBaseline) return { ...(await archive.call('document.page', { id, page: n })), docId: id, preview: 'none', wireChars: 0 };
  // A page that may have a preview (a scan, or a document not known yet to be typeset: its library thumbnail has
  // usually found out) has it asked for together with its page view, not after it: the preview is what paints first,
  // and waiting for the page view put a round trip and the page view's decoding before it (bench:reader).
  const early = preview && mayHavePreview(id, n);
  if (early) void warmImage(archive.previewUrl(id, n), id, n);
  const reply = await archive.call('document.pageView', { id, page: n });
  if (reply.preview === 'none') noPreview(id, n);
  else previewStates.set(key(id, n), reply.preview);
  // Else the page view says whether the page has a preview: only then is it asked for (a typeset page's would be a 404).
  if (preview && !early && reply.preview !== 'none') void warmImage(archive.previewUrl(id, n), id, n);
  markReader('page-view-fetched', id, n);
  const wireChars = reply.wire.length + JSON.stringify(reply.photos).length + JSON.stringify(reply.corrections).length;
  const wire = JSON.parse(reply.wire) as PageViewWire;
  // Only the page the reader asked for last, with a preview to show (a preview still to be made may take a while).
  let coming = false;
  if (ticket !== 0 && ticket === opening && reply.preview === 'ready' && wire.width > 0 && comingListener) {
    const wait = pagePainted(id, n, COMING_CAP_MS);
    coming = comingListener({ docId: id, page: n, width: wire.width, height: wire.height });
    if (coming) {
      await wait.promise;
      // In a task of its own: the paint event fires in the frame's callback, and decoding there held that frame back.
      await new Promise((resolve) => setTimeout(resolve, 0));
    } else wait.cancel();
  }
  try {
    return { ...decodePageView(wire, reply), docId: id, preview: reply.preview, wireChars };
  } catch (err) {
    if (coming) comingListener?.(null);
    throw err;
  }
}

/**
 * Page `n` of document `id`, decoded; a prefetched one is taken from the cache (and leaves it: the reader may change it).
 * With `preview` (a PDF), the page's preview is fetched and decoded too if the page has one.
 */
export function loadPage(id: string, n: number, opts: { preview?: boolean } = {}): Promise<ReaderPage> {
  const hit = cache.get(key(id, n));
  cache.delete(key(id, n));
  const ticket = ++opening;
  // A page told of before (its open superseded by this one) is not coming.
  comingListener?.(null);
  // A failed open: the page view may show that page's preview already; it is not coming.
  const fail = (err: unknown) => {
    if (ticket === opening) comingListener?.(null);
    throw err;
  };
  return (hit ?? fetchPage(id, n, opts.preview ?? false, ticket)).catch(fail);
}

/**
 * Drops the pages of `id` fetched ahead (null: of every document): its pages were rebuilt, or corrected, and a copy
 * fetched before would show the old ones.
 */
export function forgetPages(id: string | null): void {
  for (const k of [...cache.keys()]) if (id === null || k.startsWith(`${id}:`)) cache.delete(k);
}

/** Fetches a page the reader is likely to open next (the neighbours of the open one), and its preview image if it has one. */
export function prefetchPage(id: string, n: number, opts: { preview?: boolean } = {}): void {
  const k = key(id, n);
  if (readerBaseline || cache.has(k)) return;
  const job = fetchPage(id, n, opts.preview ?? false);
  cache.set(k, job);
  job.catch(() => cache.get(k) === job && cache.delete(k));
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
}

/**
 * Previews, decoded to ImageBitmaps: the page view draws one into its
 * preview canvas in a few milliseconds. They were blob URLs decoded once
 * by an off-screen Image, then shown in an <img>: Chromium decoded that
 * <img> again at its size on screen, and on a page turn that second decode
 * took 30–110 ms of the 40–200 (bench/reader-open-trace.ts --turns). A
 * preview still on its way is kept as its promise: the page opened meanwhile
 * waits for that fetch rather than asking the host for the same bytes again.
 */
const warmed = new Map<string, ImageBitmap>();
const warming = new Map<string, Promise<ImageBitmap | null>>();
function warmImage(url: string, docId: string, page: number): Promise<ImageBitmap | null> {
  const done = warmed.get(url);
  if (done) return Promise.resolve(done);
  let job = warming.get(url);
  if (!job) {
    job = fetchDecoded(url, docId, page).finally(() => warming.delete(url));
    warming.set(url, job);
  }
  return job;
}

async function fetchDecoded(url: string, docId: string, page: number): Promise<ImageBitmap | null> {
  try {
    // The same bytes the library row's thumbnail drew from, when it did (lib/preview-bytes.ts): not fetched twice.
    const { status, blob } = await previewBytes(url);
    if (status === 404) noPreview(docId, page);
    if (!blob) return null;
    markReader('preview-fetched', docId, page);
    // Decoded off the main thread.
    const bitmap = await createImageBitmap(blob);
    markReader('preview-decoded', docId, page);
    warmed.set(url, bitmap);
    // Not closed when dropped: a page view may be about to draw it; the collector frees it.
    while (warmed.size > KEEP) warmed.delete(warmed.keys().next().value!);
    return bitmap;
  } catch {
    // No preview: the page's preview is let go (pdf.js draws the page).
    return null;
  }
}

/**
 * Page `page` of `docId`'s preview, decoded: the copy fetched ahead, the fetch already under way, or a new one;
 * null when the page has none or it could not be had.
 */
export function previewImage(docId: string, page: number): Promise<ImageBitmap | null> {
  return warmImage(archive.previewUrl(docId, page), docId, page);
}
