import { writeFileSync } from 'node:fs';
import { threadId, workerData } from 'node:worker_threads';
import { answerRequests } from '../answer-requests.ts';

/** A worker for worker-client.test.ts: each request says what to do. */
export type TestRequest =
  | { op: 'echo'; value: unknown }
  | { op: 'later'; ms: number; value: unknown }
  | { op: 'log'; value: number }
  | { op: 'throw'; message: string }
  | { op: 'exit'; code: number }
  | { op: 'thread' }
  | { op: 'bytes'; size: number };

const { failAtStart, closedFile } = (workerData ?? {}) as { failAtStart?: string; closedFile?: string };
// As typeset-raster-worker.ts loads its libraries: a set-up that fails ends the worker before it is ready.
const setUp = failAtStart ? Promise.reject(new Error(`${failAtStart}\nsecond line`)) : Promise.resolve();

/** Every 'log' value in the order this worker took them. */
const log: number[] = [];

function handle(req: TestRequest): unknown {
  switch (req.op) {
    case 'echo':
      return req.value;
    case 'later':
      return new Promise((resolve) => setTimeout(() => resolve(req.value), req.ms));
    case 'log':
      log.push(req.value);
      return [...log];
    case 'throw':
      throw new Error(`${req.message}\nstack lines`);
    case 'exit':
      return process.exit(req.code);
    case 'thread':
      return threadId;
    case 'bytes':
      return new Uint8Array(req.size).fill(7);
  }
}

void setUp.then(() =>
  answerRequests(handle, {
    transfer: (out) => (out instanceof Uint8Array ? [out.buffer as ArrayBuffer] : []),
    onClose: () => closedFile && writeFileSync(closedFile, JSON.stringify(log)),
  }),
);
