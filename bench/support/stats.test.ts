import { describe, expect, it } from 'vitest';
import { cpuMs, loadAverage, median, threadCpuMs, usageMs } from './stats.ts';

describe('bench stats', () => {
  it('takes the middle value, the upper middle for an even count, without reordering its input', () => {
    const xs = [5, 1, 4, 2];
    expect(median(xs)).toBe(4);
    expect(xs).toEqual([5, 1, 4, 2]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([7])).toBe(7);
    expect(median([10, 9, 100])).toBe(10); // numerically, not as strings ("100" < "9")
    expect(median([])).toBeNaN();
  });

  it('counts user and system CPU in milliseconds, since a mark when given', () => {
    expect(usageMs({ user: 1500, system: 500 })).toBe(2);
    const mark = process.cpuUsage();
    let spin = 0;
    for (let i = 0; i < 2e6; i++) spin += i % 7;
    expect(spin).toBeGreaterThan(0);
    const since = cpuMs(mark);
    expect(since).toBeGreaterThanOrEqual(0);
    expect(cpuMs()).toBeGreaterThanOrEqual(since);
    expect(threadCpuMs()).toBeGreaterThanOrEqual(threadCpuMs(process.threadCpuUsage()));
  });

  it('prints the three load averages with the digits asked for', () => {
    expect(loadAverage(2)).toMatch(/^\d+\.\d{2} \d+\.\d{2} \d+\.\d{2}$/);
    expect(loadAverage()).toMatch(/^\d+\.\d \d+\.\d \d+\.\d$/);
  });
});
