import { describe, expect, it, vi } from 'vitest';
import { createSearchRunner } from './search-runner.ts';

describe('createSearchRunner', () => {
  it('debounces typing and delivers only the newest answer, even when an older one arrives last', async () => {
    vi.useFakeTimers();
    const resolvers = new Map<string, (r: string) => void>();
    const delivered: string[] = [];
    const calls: string[] = [];
    const runner = createSearchRunner<string, string>(
      (q) => {
        calls.push(q);
        return new Promise((r) => resolvers.set(q, r));
      },
      (r) => delivered.push(r),
      () => {},
      100,
    );
    runner.run('职');
    runner.run('职工');
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['职工']);
    runner.run('职工 会', true);
    expect(calls).toEqual(['职工', '职工 会']);
    resolvers.get('职工 会')!('new');
    resolvers.get('职工')!('stale');
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['new']);
    runner.run('x', true);
    runner.cancel();
    resolvers.get('x')!('cancelled');
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['new']);
    vi.useRealTimers();
  });
});
