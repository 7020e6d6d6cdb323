import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { COLLECT_EVERY_PAGES, PageCollector, collectGarbage, shrinkHeap, shrinkHeapIfSlack } from './worker-gc.ts';

describe('PageCollector', () => {
  it('collects every COLLECT_EVERY_PAGES pages, and at the end of a long job only, shrinking then', () => {
    const runs: boolean[] = [];
    const c = new PageCollector((shrink) => runs.push(shrink));
    for (let i = 0; i < 2 * COLLECT_EVERY_PAGES + 3; i++) c.page();
    expect(runs).toEqual([false, false]);
    c.end();
    expect(runs).toEqual([false, false, true]);
    // A one-page file (a batch of scans) pays no collection.
    c.page();
    c.end();
    expect(runs).toHaveLength(3);
    // A long job that ends right on a plain collection still gives its pages back at the end.
    for (let i = 0; i < COLLECT_EVERY_PAGES; i++) c.page();
    c.end();
    expect(runs).toEqual([false, false, true, false, true]);
  });

  it('really collects: an object only a WeakRef holds is gone afterwards', async () => {
    let ref: WeakRef<object> | null = null;
    (() => {
      ref = new WeakRef({ big: new Array(1000).fill(1) });
    })();
    // WeakRef targets stay alive until the end of the current job (microtask checkpoint).
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    expect(ref!.deref()).toBeUndefined();
  });

  it('shrinkHeap gives the pages a burst of garbage took back, where a plain collection keeps them', async () => {
    const burst = () => {
      // ~60 MB of small objects alive at once, as a photo-link window's term lists are.
      const held: Array<{ term: string; at: number }[]> = [];
      for (let i = 0; i < 600; i++) held.push(Array.from({ length: 2500 }, (_, k) => ({ term: `t${i}-${k}`, at: k })));
      return held.length;
    };
    collectGarbage(true);
    const base = getHeapStatistics().total_heap_size;
    expect(burst()).toBe(600);
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    const kept = getHeapStatistics().total_heap_size;
    shrinkHeap();
    const shrunk = getHeapStatistics().total_heap_size;
    expect(kept - base).toBeGreaterThan(40 * 1024 * 1024);
    expect(shrunk - base).toBeLessThan(16 * 1024 * 1024);
  });

  it('shrinkHeapIfSlack shrinks only a heap that holds that much beyond what is in use', async () => {
    collectGarbage(true);
    expect(shrinkHeapIfSlack(32 * 1024 * 1024)).toBe(false);
    const held: Array<{ term: string; at: number }[]> = [];
    for (let i = 0; i < 600; i++) held.push(Array.from({ length: 2500 }, (_, k) => ({ term: `t${i}-${k}`, at: k })));
    held.length = 0;
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    const before = getHeapStatistics().total_heap_size;
    expect(shrinkHeapIfSlack(32 * 1024 * 1024)).toBe(true);
    expect(before - getHeapStatistics().total_heap_size).toBeGreaterThan(24 * 1024 * 1024);
  });
});
