import { expect, it } from 'vitest';
import { CoalescedRun } from './coalesced-run.ts';

it('runs one pass at a time, and requests made during a pass make exactly one more', async () => {
  let passes = 0;
  let settled = 0;
  let release!: () => void;
  const run = new CoalescedRun(
    async () => {
      passes++;
      if (passes === 1) await new Promise<void>((r) => (release = r));
    },
    () => false,
    () => settled++,
  );
  const first = run.request();
  const second = run.request();
  const third = run.request();
  expect(second).toBe(first);
  expect(third).toBe(first);
  release();
  await first;
  expect([passes, settled]).toEqual([2, 1]);
  await run.idle();
  await run.request();
  expect([passes, settled]).toEqual([3, 2]);
});

it('starts no further pass once stopped, and still settles', async () => {
  let stopped = false;
  let passes = 0;
  let settled = 0;
  const run = new CoalescedRun(
    async () => {
      passes++;
      stopped = true;
      await Promise.resolve();
    },
    () => stopped,
    () => settled++,
  );
  const p = run.request();
  void run.request();
  await p;
  expect([passes, settled]).toEqual([1, 1]);
});
