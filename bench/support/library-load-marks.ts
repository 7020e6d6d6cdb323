import type { BrowserContext } from '@playwright/test';

/**
 * What the library benches read from a load, recorded in the page from its
 * first script on: `__painted`, when the first library row was painted
 * (Element Timing on the rows' elementtiming="library-row"); `__interactive`,
 * the first animation frame that holds a row's button; `__long`, the long
 * tasks as [start, duration].
 */
export async function recordLibraryLoad(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __interactive?: number; __painted?: number; __long: Array<[number, number]> };
    w.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>)
        if (e.identifier === 'library-row' && w.__painted === undefined) w.__painted = e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    const tick = () => {
      if (document.querySelector('[aria-label="Documents"] li button')) w.__interactive = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
