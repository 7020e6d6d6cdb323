import type { BrowserContext } from '@playwright/test';

/**
 * What the library benches read from a load, recorded in the page from its
 * first script on: `__painted`, when the first library row was painted
 * (Element Timing on the rows' elementtiming="library-row": the app's, or
 * the first screen kept from the last start, core/first-screen.ts);
 * `__shown`, the first animation frame that holds a row's button (either);
 * `__interactive`, the first that holds one of the app's own (in #app);
 * `__input`, when clicks and keys began to be taken: with a kept screen
 * shown, the later of `__shown` and public/first-screen-input.js's mark,
 * else `__interactive`; `__long`, the long tasks
 * as [start, duration].
 */
export async function recordLibraryLoad(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __interactive?: number; __shown?: number; __input?: number; __painted?: number; __long: Array<[number, number]> };
    w.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>)
        if (e.identifier === 'library-row' && w.__painted === undefined) w.__painted = e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    const tick = () => {
      const now = performance.now();
      if (w.__shown === undefined && document.querySelector('[aria-label="Documents"] li button')) w.__shown = now;
      if (document.querySelector('#app [aria-label="Documents"] li button')) {
        w.__interactive = now;
        const kept = performance.getEntriesByName('broadsheet:first-screen-kept').length > 0;
        const noted = performance.getEntriesByName('broadsheet:first-screen-input')[0]?.startTime;
        w.__input = kept && noted !== undefined ? Math.max(noted, w.__shown ?? now) : now;
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
