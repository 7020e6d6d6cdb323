import { describe, expect, it } from 'vitest';
import { Foreground, HOLD_MS, QUIET_MS, START_QUIET_MS } from './foreground.ts';

describe('Foreground', () => {
  it('lets background work go when no request is being answered', () => {
    expect(new Foreground(() => 0).waitFor()).toBe(0);
  });

  it('holds background work while a request is answered and for a moment after', () => {
    let t = 1000;
    const fg = new Foreground(() => t);
    const end = fg.begin();
    t += 10;
    expect(fg.waitFor()).toBe(QUIET_MS);
    end();
    t += 15;
    expect(fg.waitFor()).toBe(QUIET_MS - 15);
    t += QUIET_MS;
    expect(fg.waitFor()).toBe(0);
  });

  it('is not held by a request answered for longer than HOLD_MS (a long import)', () => {
    let t = 0;
    const fg = new Foreground(() => t);
    fg.begin();
    t = HOLD_MS + 1;
    expect(fg.waitFor()).toBe(0);
  });

  it('at start waits for the first burst of requests to go quiet, or for the grace if none comes', () => {
    let t = 0;
    const fg = new Foreground(() => t);
    fg.deferStart(2000);
    expect(fg.waitFor()).toBe(2000);
    t = 100;
    const end = fg.begin();
    t = 150;
    expect(fg.waitFor()).toBe(START_QUIET_MS);
    end();
    t = 150 + START_QUIET_MS - 1;
    expect(fg.waitFor()).toBe(1);
    t += 1;
    expect(fg.waitFor()).toBe(0);
    // Started: from now on only the short quiet applies.
    fg.begin()();
    t += 1;
    expect(fg.waitFor()).toBe(QUIET_MS - 1);

    const lonely = new Foreground(() => t);
    lonely.deferStart(500);
    t += 500;
    expect(lonely.waitFor()).toBe(0);
  });

  it('at start is not held past the grace by requests that keep coming (a page polling its preview)', () => {
    let t = 0;
    const fg = new Foreground(() => t);
    fg.deferStart(2000);
    // A request every 250 ms: the burst never goes quiet for START_QUIET_MS.
    for (; t < 2000; t += 250) {
      fg.begin()();
      expect(fg.waitFor()).toBeGreaterThan(0);
    }
    fg.begin()();
    expect(fg.waitFor()).toBe(QUIET_MS);
    t += QUIET_MS;
    expect(fg.waitFor()).toBe(0);
  });

  it('takes a turn at once when nothing holds it', async () => {
    const fg = new Foreground();
    const t0 = performance.now();
    await fg.turn();
    expect(performance.now() - t0).toBeLessThan(QUIET_MS);
  });
});
