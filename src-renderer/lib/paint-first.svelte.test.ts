import { flushSync } from 'svelte';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { followPaint, pagePainted } from './paint-first.svelte.ts';

// The window's event target and frames, as the page view uses them (the node project has no DOM).
const win = new EventTarget();
beforeEach(() => {
  // Fake timers: the waits below are in frames and caps, not wall time, so a loaded machine cannot reorder them.
  vi.useFakeTimers();
  vi.stubGlobal('addEventListener', win.addEventListener.bind(win));
  vi.stubGlobal('removeEventListener', win.removeEventListener.bind(win));
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 16));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const painted = (docId: string, page: number, preview = true) =>
  win.dispatchEvent(new CustomEvent(preview ? 'broadsheet:page-preview-painted' : 'broadsheet:page-painted', { detail: { docId, page } }));
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

it('pagePainted waits for its own page, not another one or another document', async () => {
  let done = false;
  const wait = pagePainted('a', 2, 10_000);
  void wait.promise.then(() => (done = true));
  painted('a', 1);
  painted('b', 2, false);
  await sleep(0);
  expect(done).toBe(false);
  painted('a', 2, false);
  await sleep(0);
  expect(done).toBe(true);
});

it('pagePainted gives up after its cap', async () => {
  let done = false;
  void pagePainted('a', 1, 20).promise.then(() => (done = true));
  await sleep(5);
  expect(done).toBe(false);
  await sleep(40);
  expect(done).toBe(true);
});

it('followPaint holds a new page back until it is painted and its frame is out; a change on the same page passes at once', async () => {
  let value = $state('a1');
  let at = $state({ docId: 'a', page: 1, paints: true });
  const go = (v: string, where: typeof at) => {
    value = v;
    at = where;
  };
  let follow!: { readonly current: string };
  const stop = $effect.root(() => {
    follow = followPaint(
      () => value,
      () => at,
      10_000,
    );
  });
  flushSync();
  expect(follow.current).toBe('a1');

  value = 'a1 corrected';
  flushSync();
  expect(follow.current).toBe('a1 corrected');

  go('a2', { docId: 'a', page: 2, paints: true });
  flushSync();
  await sleep(50);
  expect(follow.current).toBe('a1 corrected');
  painted('a', 2);
  expect(follow.current).toBe('a1 corrected'); // not in the task that paints
  await sleep(60);
  flushSync();
  expect(follow.current).toBe('a2');

  // A page turned past before it painted never shows.
  go('a3', { docId: 'a', page: 3, paints: true });
  flushSync();
  go('a4', { docId: 'a', page: 4, paints: true });
  flushSync();
  painted('a', 3);
  await sleep(60);
  flushSync();
  expect(follow.current).toBe('a2');
  painted('a', 4);
  await sleep(60);
  flushSync();
  expect(follow.current).toBe('a4');

  // A page with nothing to paint (a text dump) follows a frame later.
  go('t1', { docId: 't', page: 1, paints: false });
  flushSync();
  await sleep(60);
  flushSync();
  expect(follow.current).toBe('t1');
  stop();
});

it('followPaint gives a page up for painted at its cap from when it was first asked for, however often it is read again meanwhile', async () => {
  let value = $state('old page');
  let at = $state({ docId: 'a', page: 1, paints: true });
  let follow!: { readonly current: string };
  const stop = $effect.root(() => {
    follow = followPaint(
      () => value,
      () => at,
      400,
    );
  });
  flushSync();
  // A new document's page, read again every 150 ms (its views and summary updated while its preview is made): never painted.
  at = { docId: 'b', page: 1, paints: true };
  for (let i = 0; i < 4; i++) {
    value = `new page, read ${i + 1}`;
    flushSync();
    await sleep(150);
    flushSync();
  }
  // 600 ms after it was first asked for (400 ms cap, a frame, a task): its text, as last read, not the old page's.
  expect(follow.current).toBe('new page, read 4');
  stop();
});
