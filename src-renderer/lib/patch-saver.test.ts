import { expect, it, vi } from 'vitest';
import { createPatchSaver } from './patch-saver.ts';

it('coalesces patches into one write after the quiet period', async () => {
  vi.useFakeTimers();
  const writes: object[] = [];
  const saver = createPatchSaver<{ zoom: number; lastPage: number }>(async (p) => void writes.push(p), 100);
  saver.save({ zoom: 1 });
  saver.save({ zoom: 2 });
  vi.advanceTimersByTime(50);
  saver.save({ lastPage: 3 });
  vi.advanceTimersByTime(99);
  expect(writes).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(writes).toEqual([{ zoom: 2, lastPage: 3 }]);
  vi.useRealTimers();
});

it('keeps a failed patch and retries it with the next save', async () => {
  let fail = true;
  const writes: object[] = [];
  const errors: unknown[] = [];
  const saver = createPatchSaver<{ a: number; b: number }>(
    async (p) => {
      if (fail) throw new Error('disk full');
      writes.push(p);
    },
    10,
    (e) => errors.push(e),
  );
  saver.save({ a: 1 });
  await saver.flush();
  expect(errors).toHaveLength(1);
  fail = false;
  saver.save({ b: 2 });
  await saver.flush();
  expect(writes).toEqual([{ a: 1, b: 2 }]);
});

it('never has two writes in flight, so an older patch cannot land after a newer one', async () => {
  const landed: object[] = [];
  const releases: Array<() => void> = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const saver = createPatchSaver<{ lastDocument: string }>(async (p) => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await new Promise<void>((resolve) => releases.push(resolve));
    landed.push(p);
    concurrent--;
  }, 10);
  saver.save({ lastDocument: 'A' });
  const first = saver.flush();
  await new Promise((r) => setTimeout(r, 0)); // A's write is now on the wire
  saver.save({ lastDocument: 'B' });
  const second = saver.flush();
  await new Promise((r) => setTimeout(r, 0));
  expect(releases).toHaveLength(1); // B waits until A's write is done
  releases[0]();
  await first;
  await new Promise((r) => setTimeout(r, 0));
  releases[1]();
  await second;
  expect(landed).toEqual([{ lastDocument: 'A' }, { lastDocument: 'B' }]);
  expect(maxConcurrent).toBe(1);
});
