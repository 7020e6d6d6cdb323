import { untrack } from 'svelte';
import { markReader } from './reader-marks.ts';

/**
 * The page first, its text a moment later. A dense scan's text panels build
 * tens of thousands of DOM nodes (raw items, cleaned blocks, their maps); done
 * in the same task as the page view they held the page's preview back by
 * hundreds of milliseconds (bench:reader). So the text side follows the open
 * page once the page view has painted it (its preview or pdf.js's page,
 * whichever comes first, and the frame it is in presented), or after `capMs`
 * at most, or after one frame when the page has nothing to paint (text dumps).
 */

/** Fired by PageView: `broadsheet:page-preview-painted` and `broadsheet:page-painted`, detail { docId, page }. */
const PAINT_EVENTS = ['broadsheet:page-preview-painted', 'broadsheet:page-painted'] as const;

/**
 * The page painted last (its preview or its sharp page). A scan's preview may paint before the reader has its
 * decoded page view (lib/page-loader `onPageComing`): whoever waits for that page afterwards must not wait for a
 * paint that has happened already.
 */
let lastPainted = '';
if (typeof addEventListener === 'function')
  for (const name of PAINT_EVENTS)
    addEventListener(name, (e) => {
      const d = (e as CustomEvent<{ docId: string; page: number }>).detail;
      if (d) lastPainted = `${d.docId}:${d.page}`;
    });

/** Resolves once page `page` of `docId` is painted (at once if it is the page painted last; or after `capMs`); `cancel` stops waiting. */
export function pagePainted(docId: string, page: number, capMs: number): { promise: Promise<void>; cancel: () => void } {
  if (lastPainted === `${docId}:${page}`) return { promise: Promise.resolve(), cancel: () => {} };
  let cancel = () => {};
  const promise = new Promise<void>((resolve) => {
    const done = () => {
      cancel();
      resolve();
    };
    const onpaint = (e: Event) => {
      const d = (e as CustomEvent<{ docId: string; page: number }>).detail;
      if (d?.docId === docId && d.page === page) done();
    };
    const timer = setTimeout(done, capMs);
    for (const name of PAINT_EVENTS) addEventListener(name, onpaint);
    cancel = () => {
      clearTimeout(timer);
      for (const name of PAINT_EVENTS) removeEventListener(name, onpaint);
    };
  });
  return { promise, cancel };
}

/** Resolves after the next frame is painted (a task after the animation frame). */
export function nextFrame(): { promise: Promise<void>; cancel: () => void } {
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    frame = requestAnimationFrame(() => (timer = setTimeout(resolve, 0)));
  });
  return { promise, cancel: () => (cancelAnimationFrame(frame), clearTimeout(timer)) };
}

/**
 * `source()` as it was when the page view had painted it: a value that
 * changes with the open page (doc and page number, `where`) lags until that
 * page is on screen; any other change (a correction, a photo link) passes at
 * once. Call during component initialisation (it owns an effect).
 */
export function followPaint<T>(
  source: () => T,
  where: () => { docId: string; page: number; paints: boolean } | null,
  capMs = 400,
): { readonly current: T } {
  let current = $state.raw<T>(untrack(source));
  let shownAt = untrack(where);
  // The page waited for and when the wait gives up. The cap runs from the first moment that page was asked for: a
  // page read again while it waits (its views rebuilt, its summary updated after an import) must not start it over.
  // It did, and a new import's page, read again every few hundred ms while its preview was being made, stood
  // seconds beside the last page's text (a walk saw "Evening Star B, 1870" above the 1918 page's words).
  let waitingFor: { key: string; until: number } | null = null;
  $effect(() => {
    const next = source();
    const at = where();
    if (!at || (shownAt && shownAt.docId === at.docId && shownAt.page === at.page)) {
      current = next;
      shownAt = at;
      waitingFor = null;
      return;
    }
    const key = `${at.docId}:${at.page}`;
    if (waitingFor?.key !== key) waitingFor = { key, until: performance.now() + capMs };
    // The paint events fire as the page is drawn, before the browser presents that frame: wait a frame more,
    // or the panels' build (in the same task) would hold the frame back after all.
    let wait = at.paints ? pagePainted(at.docId, at.page, Math.max(0, waitingFor.until - performance.now())) : nextFrame();
    let live = true;
    const show = () => {
      if (!live) return;
      markReader('text-panels', at.docId, at.page);
      current = next;
      shownAt = at;
      waitingFor = null;
    };
    void wait.promise.then(() => {
      if (!live || !at.paints) return show();
      wait = nextFrame();
      void wait.promise.then(show);
    });
    return () => {
      live = false;
      wait.cancel();
    };
  });
  return {
    get current() {
      return current;
    },
  };
}
