import { describe, expect, it } from 'vitest';
import { CancelledError, createRenderQueue } from './render-queue.ts';

/** A job the test finishes by hand, recording when it started and whether it was aborted. */
function manual() {
  const log: string[] = [];
  const finishers = new Map<string, (v: string) => void>();
  const job = (key: string) => (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${key}`);
      finishers.set(key, resolve);
      signal.addEventListener('abort', () => {
        log.push(`abort ${key}`);
        reject(new Error('aborted'));
      });
    });
  return { log, job, finish: (key: string) => finishers.get(key)!(`img ${key}`) };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('render queue', () => {
  it('runs one job at a time, in request order', async () => {
    const q = createRenderQueue<string>();
    const m = manual();
    const a = q.request('a', m.job('a'));
    const b = q.request('b', m.job('b'));
    await settle();
    expect(m.log).toEqual(['start a']);
    m.finish('a');
    expect(await a.promise).toBe('img a');
    await settle();
    expect(m.log).toEqual(['start a', 'start b']);
    m.finish('b');
    expect(await b.promise).toBe('img b');
  });

  it('drops a queued job nobody wants any more, before it starts', async () => {
    const q = createRenderQueue<string>();
    const m = manual();
    q.request('a', m.job('a'));
    const b = q.request('b', m.job('b'));
    q.request('c', m.job('c'));
    b.cancel();
    await expect(b.promise).rejects.toBeInstanceOf(CancelledError);
    m.finish('a');
    await settle();
    expect(m.log).toEqual(['start a', 'start c']);
  });

  it('aborts a running job when its last caller leaves, and moves on', async () => {
    const q = createRenderQueue<string>();
    const m = manual();
    const a1 = q.request('a', m.job('a'));
    const a2 = q.request('a', m.job('a'));
    q.request('b', m.job('b'));
    await settle();
    a1.cancel();
    expect(m.log).toEqual(['start a']); // a2 still waits
    a2.cancel();
    await settle();
    expect(m.log).toEqual(['start a', 'abort a', 'start b']);
  });

  it('serves finished results from its cache and evicts the oldest', async () => {
    const evicted: string[] = [];
    const q = createRenderQueue<string>({ keep: 2, onEvict: (v) => evicted.push(v) });
    let runs = 0;
    const quick = (v: string) => async () => (runs++, v);
    await q.request('a', quick('A')).promise;
    await q.request('b', quick('B')).promise;
    expect(await q.request('a', quick('A2')).promise).toBe('A'); // cached, and now most recent
    expect(runs).toBe(2);
    await q.request('c', quick('C')).promise;
    expect(evicted).toEqual(['B']);
    await settle();
    expect(q.stats()).toEqual({ running: 0, waiting: 0, kept: 2 });
  });

  it('forgets failures so a later request tries again', async () => {
    const q = createRenderQueue<string>();
    await expect(q.request('a', async () => Promise.reject(new Error('boom'))).promise).rejects.toThrow('boom');
    expect(await q.request('a', async () => 'ok').promise).toBe('ok');
  });
});
