import { flushSync } from 'svelte';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { FIRST_CHARS, IDLE_STEP_CHARS, STEP_CHARS } from './lazy-window.ts';
import { TextWindow } from './text-window.svelte.ts';

// Idle callbacks run when the test says so (the node project has no browser idle time).
let idle = new Map<number, () => void>();
let handles = 0;
beforeEach(() => {
  idle = new Map();
  vi.stubGlobal('requestIdleCallback', (f: () => void) => (idle.set(++handles, f), handles));
  vi.stubGlobal('cancelIdleCallback', (h: number) => idle.delete(h));
});
afterEach(() => vi.unstubAllGlobals());

/** Runs the idle callbacks due now; returns how many ran. */
function runIdle(): number {
  const due = [...idle.values()];
  idle.clear();
  due.forEach((f) => f());
  flushSync();
  return due.length;
}

function windowOver(initial: number[]) {
  let lengths = $state(initial);
  let win!: TextWindow;
  const stop = $effect.root(() => {
    win = new TextWindow(() => lengths);
  });
  flushSync();
  return { win, set: (next: number[]) => ((lengths = next), flushSync()), stop };
}

it('renders the first screenful at once and the rest of an ordinary page in idle-time steps, busy meanwhile', () => {
  const page = Array.from({ length: 1000 }, () => 60); // 60 000 characters: a dense scan page
  const { win, stop } = windowOver(page);
  expect(win.limit).toBe(FIRST_CHARS / 60);
  expect(win.growing).toBe(true);
  let steps = 0;
  while (runIdle()) steps++;
  expect(win.limit).toBe(1000);
  expect(win.growing).toBe(false);
  expect(steps).toBe(Math.ceil((60_000 - FIRST_CHARS) / IDLE_STEP_CHARS));
  stop();
});

it('stops idle growth at STEP_CHARS: a huge page grows further only as the reader scrolls (more)', () => {
  const huge = Array.from({ length: 10_000 }, () => 100); // a million characters
  const { win, stop } = windowOver(huge);
  while (runIdle());
  expect(win.limit).toBe(STEP_CHARS / 100);
  expect(win.growing).toBe(false);
  win.more();
  flushSync();
  expect(win.limit).toBe((2 * STEP_CHARS) / 100);
  expect(runIdle()).toBe(0);
  stop();
});

it('reaches a piece past the window at once, and starts over on a new page', () => {
  const { win, set, stop } = windowOver(Array.from({ length: 1000 }, () => 60));
  expect(win.reach(5)).toBe(true);
  expect(win.reach(700)).toBe(false);
  flushSync();
  expect(win.limit).toBe(701);
  expect(win.reach(700)).toBe(true);
  set(Array.from({ length: 500 }, () => 60));
  expect(win.limit).toBe(FIRST_CHARS / 60);
  while (runIdle());
  expect(win.limit).toBe(500);
  stop();
});

it('a page shorter than the first screenful is whole at once, with nothing left for idle time', () => {
  const { win, stop } = windowOver([10, 20, 30]);
  expect([win.limit, win.growing, runIdle()]).toEqual([3, false, 0]);
  stop();
});

it('keeps the piece `keep` names rendered when the pieces change (the page read again), else starts at the first screenful', () => {
  let lengths = $state(Array.from({ length: 1000 }, () => 60));
  let keep = $state(-1);
  let win!: TextWindow;
  const stop = $effect.root(() => {
    win = new TextWindow(
      () => lengths,
      () => keep,
    );
  });
  flushSync();
  while (runIdle());
  expect(win.limit).toBe(1000);
  // A keep alone changes nothing.
  keep = 900;
  flushSync();
  expect(win.limit).toBe(1000);
  // Same page, new pieces: the window starts again, down to piece 900 at least.
  lengths = Array.from({ length: 1000 }, () => 60);
  flushSync();
  expect(win.limit).toBe(901);
  keep = -1;
  lengths = Array.from({ length: 1000 }, () => 60);
  flushSync();
  expect(win.limit).toBe(FIRST_CHARS / 60);
  stop();
});

it('keeps what is rendered when the pieces change at the same place (a block corrected), and starts over at another', () => {
  let lengths = $state(Array.from({ length: 1000 }, () => 60));
  let place = $state('doc-a:1');
  let win!: TextWindow;
  const stop = $effect.root(() => {
    win = new TextWindow(
      () => lengths,
      () => -1,
      () => place,
    );
  });
  flushSync();
  expect(runIdle()).toBe(1);
  const grown = win.limit;
  expect(grown).toBe((FIRST_CHARS + IDLE_STEP_CHARS) / 60);
  // The same page, one block's text longer: all rendered so far stays, and idle growth goes on from there.
  lengths = Array.from({ length: 1000 }, (_, i) => (i === 150 ? 100 : 60));
  flushSync();
  expect(win.limit).toBe(grown);
  expect(win.growing).toBe(true);
  while (runIdle());
  expect(win.limit).toBe(1000);
  lengths = Array.from({ length: 1000 }, () => 60);
  flushSync();
  expect(win.limit).toBe(1000);
  // Another page: its first screenful.
  place = 'doc-a:2';
  lengths = Array.from({ length: 1000 }, () => 60);
  flushSync();
  expect(win.limit).toBe(FIRST_CHARS / 60);
  // The same place with fewer pieces (a page rebuilt): no more than it has.
  while (runIdle());
  lengths = Array.from({ length: 400 }, () => 60);
  flushSync();
  expect(win.limit).toBe(400);
  stop();
});
