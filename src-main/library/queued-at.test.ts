import { describe, expect, it } from 'vitest';
import { queuedAtClock } from './queued-at.ts';

describe('queuedAtClock', () => {
  it('gives each file taken a later time than the one before it, even within one millisecond of the clock', () => {
    const clock = [1000, 1000, 1000, 1001, 1500, 1499];
    const next = queuedAtClock(() => clock.shift()!);
    expect(Array.from({ length: 6 }, next)).toEqual([
      '1970-01-01T00:00:01.000Z',
      '1970-01-01T00:00:01.001Z',
      '1970-01-01T00:00:01.002Z',
      '1970-01-01T00:00:01.003Z',
      '1970-01-01T00:00:01.500Z',
      // The clock stepped back (an NTP correction): still later than the one before.
      '1970-01-01T00:00:01.501Z',
    ]);
  });
});
