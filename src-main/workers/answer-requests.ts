import { parentPort, type Transferable } from 'node:worker_threads';
import { firstLine, type FromWorker, type ToWorker } from './worker-client.ts';

export interface AnswerOptions<Req, Res> {
  /** Buffers of the answer to move to the main thread rather than copy. */
  transfer?: (result: Res) => Transferable[];
  /** After each answer is sent (a collection that gives memory back, say). */
  after?: (req: Req) => void;
  /** On WorkerClient.close({ finishFirst }), once every request is answered: the worker's own cleanup. */
  onClose?: () => void;
}

/**
 * The worker's side of a WorkerClient (worker-client.ts): says it is ready,
 * then answers each request with what `handle` returns or the first line of
 * what it threw. A synchronous `handle` answers one request after another in
 * the order they were sent; an asynchronous one starts them in that order.
 * Call it once the script's own set-up is done: a failure before it is the
 * client's "cannot start".
 */
export function answerRequests<Req, Res>(handle: (req: Req) => Res | Promise<Res>, opts: AnswerOptions<Req, Res> = {}): void {
  const port = parentPort;
  if (!port) throw new Error('answerRequests must run in a worker thread');
  const post = (msg: FromWorker, transfer: Transferable[] = []) => port.postMessage(msg, transfer);
  const answering = new Set<Promise<void>>();

  const answer = (id: number, req: Req): Promise<void> | void => {
    const ok = (result: Res) => post({ id, result }, opts.transfer?.(result));
    const fail = (err: unknown) => post({ id, error: firstLine(err) });
    let result: Res | Promise<Res>;
    try {
      result = handle(req);
    } catch (err) {
      return void (fail(err), opts.after?.(req));
    }
    if (!(result instanceof Promise)) return void (ok(result), opts.after?.(req));
    return result.then(ok, fail).then(() => opts.after?.(req));
  };

  port.on('message', (msg: ToWorker) => {
    if ('close' in msg) {
      void Promise.all(answering).then(() => {
        opts.onClose?.();
        port.close();
      });
      return;
    }
    const pending = answer(msg.id, msg.body as Req);
    if (pending) {
      answering.add(pending);
      void pending.finally(() => answering.delete(pending));
    }
  });
  post({ ready: true });
}
