import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TestRequest } from './testing/test-worker.ts';
import { WorkerClient, WorkerError, type WorkerClientOptions } from './worker-client.ts';

const WORKER = new URL('./testing/test-worker.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-worker-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open: Array<WorkerClient<TestRequest, unknown>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function client(opts: Partial<WorkerClientOptions> = {}): WorkerClient<TestRequest, unknown> {
  const c = new WorkerClient<TestRequest, unknown>({ name: 'test worker', url: WORKER, ...opts });
  open.push(c);
  return c;
}

/** The WorkerError a request failed with. */
async function failure(p: Promise<unknown>): Promise<WorkerError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkerError);
  return err as WorkerError;
}

describe('WorkerClient', () => {
  it('answers a request with what the worker returned, buffers moved rather than copied', async () => {
    const c = client();
    expect(await c.request({ op: 'echo', value: { text: '大陈村', n: [1, 2] } })).toEqual({ text: '大陈村', n: [1, 2] });
    const bytes = (await c.request({ op: 'bytes', size: 1000 })) as Uint8Array;
    expect([bytes.length, bytes[0], bytes[999]]).toEqual([1000, 7, 7]);
  });

  it('answers concurrent requests each with its own answer, whatever order they finish in', async () => {
    const c = client();
    const delays = [90, 10, 50, 0, 70, 30, 20, 60];
    const answers = await Promise.all(delays.map((ms, i) => c.request({ op: 'later', ms, value: `job ${i}` })));
    expect(answers).toEqual(delays.map((_, i) => `job ${i}`));
  });

  it('has a synchronous worker take requests in the order they were made', async () => {
    const c = client();
    const replies = Array.from({ length: 200 }, (_, i) => c.request({ op: 'log', value: i }));
    const seen = (await Promise.all(replies)) as number[][];
    expect(seen[199]).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(seen.map((s) => s.length)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('fails a request the worker threw on with the first line of its error, and keeps the worker', async () => {
    const c = client({ errorPrefix: 'test: ' });
    const thread = await c.request({ op: 'thread' });
    const err = await failure(c.request({ op: 'throw', message: 'no such page' }));
    expect([err.kind, err.message, err.reason]).toEqual(['failed', 'test: no such page', 'no such page']);
    expect(await c.request({ op: 'thread' })).toBe(thread);
  });

  it('fails the requests in flight when the worker dies, and starts another for the next (restart)', async () => {
    const onOff = vi.fn();
    const c = client({ restart: true, onOff });
    const first = await c.request({ op: 'thread' });
    const slow = c.request({ op: 'later', ms: 2000, value: 'never' });
    const dying = c.request({ op: 'exit', code: 3 });
    for (const err of [await failure(slow), await failure(dying)]) {
      expect([err.kind, err.message, err.reason]).toEqual(['died', 'test worker exited (code 3)', 'worker exited with 3']);
    }
    const second = await c.request({ op: 'thread' });
    expect(second).not.toBe(first);
    expect(onOff).not.toHaveBeenCalled();
  });

  it('without restart, fails every later request with the death that turned it off, and says so once', async () => {
    const onOff = vi.fn();
    const c = client({ onOff });
    await c.request({ op: 'thread' });
    const died = await failure(c.request({ op: 'exit', code: 5 }));
    expect([died.kind, died.message]).toEqual(['died', 'test worker exited (code 5)']);
    const later = [await failure(c.request({ op: 'echo', value: 1 })), await failure(c.request({ op: 'echo', value: 2 }))];
    expect(later.map((e) => [e.kind, e.message])).toEqual([
      ['off', 'test worker exited (code 5)'],
      ['off', 'test worker exited (code 5)'],
    ]);
    expect(onOff.mock.calls).toEqual([['worker exited with 5']]);
  });

  it('one at a time: a request that kills the worker fails alone, the ones queued after it go to a fresh worker', async () => {
    const c = client({ restart: true, oneAtATime: true });
    const replies = [c.request({ op: 'echo', value: 'a' }), c.request({ op: 'exit', code: 3 }), c.request({ op: 'echo', value: 'b' })];
    const settled = await Promise.allSettled(replies);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as WorkerError).kind))).toEqual(['a', 'died', 'b']);
  });

  it('lets an idle worker go after idleMs, never one with a request in flight, and starts another when asked', async () => {
    const c = client({ idleMs: 100 });
    const first = await c.request({ op: 'thread' });
    expect(await c.request({ op: 'later', ms: 300, value: 'kept while busy' })).toBe('kept while busy');
    expect(await c.request({ op: 'thread' })).toBe(first);
    await sleep(400);
    expect(await c.request({ op: 'thread' })).not.toBe(first);
  });

  it('cannot start: every request fails with one clear error, said once, with no second attempt', async () => {
    const onOff = vi.fn();
    const missing = client({ url: new URL('./testing/no-such-worker.ts', import.meta.url), onOff, restart: true });
    const errors: WorkerError[] = await Promise.all([failure(missing.request({ op: 'echo', value: 1 })), failure(missing.request({ op: 'echo', value: 2 }))]);
    errors.push(await failure(missing.request({ op: 'echo', value: 3 })));
    expect(errors[0].kind).toBe('off');
    expect(errors[0].message).toMatch(/^test worker cannot start: Cannot find module '.*no-such-worker\.ts'/);
    expect(errors[1]).toBe(errors[0]);
    expect(errors[2]).toBe(errors[0]);
    expect(onOff).toHaveBeenCalledTimes(1);

    // A script that throws while setting up: its first line is the reason.
    const failing = client({ workerData: { failAtStart: 'no canvas for this platform' }, onOff, restart: true });
    const err = await failure(failing.request({ op: 'echo', value: 1 }));
    expect([err.kind, err.message, err.reason]).toEqual(['off', 'test worker cannot start: no canvas for this platform', 'no canvas for this platform']);
    expect(onOff).toHaveBeenLastCalledWith('no canvas for this platform');
  });

  it('close ends the worker at once, failing what is in flight and every request after', async () => {
    const c = client();
    await c.request({ op: 'thread' });
    const inFlight = failure(c.request({ op: 'later', ms: 5000, value: 'never' }));
    await c.close();
    for (const err of [await inFlight, await failure(c.request({ op: 'echo', value: 1 }))]) expect([err.kind, err.message]).toEqual(['off', 'test worker closed']);
  });

  it('close({ finishFirst }) has a synchronous worker answer everything sent so far, then run its own close', async () => {
    const closedFile = join(dir, 'closed.json');
    const c = client({ workerData: { closedFile } });
    const replies = Array.from({ length: 50 }, (_, i) => c.request({ op: 'log', value: i }));
    await c.close({ finishFirst: true });
    expect(((await Promise.all(replies)) as number[][]).at(-1)).toHaveLength(50);
    expect(JSON.parse(readFileSync(closedFile, 'utf8'))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('holds the process open only while a request is in flight: a process that never closes it still exits', () => {
    const script = (body: string) => `
      import { WorkerClient } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'worker-client.ts')).href)};
      const c = new WorkerClient({ name: 'test worker', url: new URL(${JSON.stringify(WORKER.href)}) });
      ${body}`;
    // A file, not --eval: a worker inherits the process's flags, and --input-type would stop it.
    const run = (body: string) => {
      const file = join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
      writeFileSync(file, script(body));
      return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    };
    // Nothing else keeps this process alive while the worker takes 500 ms: it waits for the answer.
    const waits = run(`c.request({ op: 'later', ms: 500, value: 'answered' }).then((v) => console.log(v));`);
    expect([waits.status, waits.stdout.trim(), waits.stderr]).toEqual([0, 'answered', '']);
    // Answered and never closed: the idle worker does not hold it (a hang would be killed by the timeout: status null).
    const idle = run(`console.log(await c.request({ op: 'echo', value: 'idle' }));`);
    expect([idle.status, idle.stdout.trim(), idle.stderr]).toEqual([0, 'idle', '']);
  });
});
