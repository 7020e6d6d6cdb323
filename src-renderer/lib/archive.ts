import type { ArchiveBridge, EventName, EventPayload, Params, Reply, RequestName, Result } from '../../core/contract.ts';
import { invalidFieldOf, type InvalidField } from '../../core/invalid-field.ts';
import { createHostBridge } from './host-bridge.ts';

/**
 * The renderer's only door to the back end. In Electron the preload exposes
 * `window.archive`; in a browser we talk to `broadsheet serve`. Components
 * import `archive` from here and never touch either transport.
 */
declare global {
  interface Window {
    archive?: ArchiveBridge;
  }
}

const bridge: ArchiveBridge = window.archive ?? createHostBridge();

export class ArchiveError extends Error {
  readonly request: RequestName;
  /** The field the back end refused and why, when it was a validation failure: mark that field, no parsing of the message. */
  readonly invalid: InvalidField | undefined;
  constructor(request: RequestName, message: string, invalid?: InvalidField) {
    super(message);
    this.request = request;
    this.invalid = invalid;
  }
}

/** A reply's result, or an ArchiveError carrying the back end's one-line message. */
export async function replyResult<N extends RequestName>(name: N, reply: Reply<N>): Promise<Result<N>> {
  if (!reply.ok) throw new ArchiveError(name, reply.error, invalidFieldOf(reply.invalid));
  return reply.result;
}

export const archive = {
  /** Resolves with the result or rejects with an ArchiveError carrying the back end's one-line message. */
  async call<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>> {
    return replyResult(name, await bridge.invoke(name, params));
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return bridge.on(event, listener);
  },
  fileUrl(id: string): string {
    return bridge.fileUrl(id);
  },
  /** A downscaled picture of a scanned page, served beside its original (src-main/previews). */
  previewUrl(id: string, page: number): string {
    return `${bridge.fileUrl(id)}/preview/${page}`;
  },
};
