import { parentPort, type Transferable } from 'node:worker_threads';
import { firstLine, type FromWorker, type ToWorker } from './worker-client.ts';

/**
 * The worker's side of a WorkerClient (worker-client.ts): says it is ready,
 * then answers each request with what `handle` returns (or resolves to), or
 * the first line of what it threw. A synchronous `handle` takes the requests
 * one after another in the order they were sent. Call it once the script's
 * own set-up is done: a failure before it is the client's "cannot start".
 */
export function answerRequests<Req, Res>(
  handle: (req: Req) => Res | Promise<Res>,
  opts: {
    /** Buffers of the answer to move to the main thread rather than copy. */
    transfer?: (result: Res) => Transferable[];
    /** After each answer is sent (a collection that gives memory back, say). */
    after?: (req: Req) => void;
    /** On WorkerClient.close({ finishFirst }): the worker's own cleanup, before its port closes and it ends. */
    onClose?: () => void;
  } = {},
): void {
  const port = parentPort;
  if (!port) throw new Error('answerRequests must run in a worker thread');
  port.on('message', (msg: ToWorker) => {
    if ('close' in msg) {
      opts.onClose?.();
      return port.close();
    }
    const reply = (answer: FromWorker, transfer?: Transferable[]) => {
      port.postMessage(answer, transfer);
      opts.after?.(msg.body as Req);
    };
    const fail = (err: unknown) => reply({ id: msg.id, error: firstLine(err) });
    const ok = (result: Res) => reply({ id: msg.id, result }, opts.transfer?.(result));
    try {
      const out = handle(msg.body as Req);
      if (out instanceof Promise) out.then(ok).catch(fail);
      else ok(out);
    } catch (err) {
      fail(err);
    }
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
