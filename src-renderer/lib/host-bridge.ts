import { encodeEnvelope, ENVELOPE_TYPE, holdsBytes } from '../../core/bridge-envelope.ts';
import type { ArchiveBridge, EventName, EventPayload, Params, Reply, RequestName } from '../../core/contract.ts';
import { OPENING_ID, START_ANSWERS_ID, START_EVENTS_ATTRIBUTE } from '../../core/start-answers.ts';
import { afterNextPaint } from './after-paint.ts';

/**
 * The number of the last event sent before the host read the answers written into this page, if it wrote them (or,
 * on a page served while the library was opening, before it wrote how far that was).
 */
export function startEventSeq(doc: Pick<Document, 'getElementById'> = document): number | null {
  const seq = (doc.getElementById(START_ANSWERS_ID) ?? doc.getElementById(OPENING_ID))?.getAttribute(START_EVENTS_ATTRIBUTE);
  return seq && /^\d+$/.test(seq) ? Number(seq) : null;
}

/**
 * The bridge when the renderer runs in a browser against `broadsheet serve`:
 * requests go over HTTP POST, events arrive over one WebSocket. The host
 * authenticates with a cookie it set when the page was first loaded with
 * `?token=`, scoped to the session path the app is served under; every URL
 * here is therefore relative to the page's own folder, never the origin root.
 */
export function createHostBridge(
  base = new URL('.', location.href).href,
  connectWhen: Promise<void> = afterNextPaint(1000),
  since: number | null = startEventSeq(),
): ArchiveBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let socket: WebSocket | null = null;
  let retry = 250;
  // The last event seen (at first, the last one sent before the host read the answers this page was served with):
  // the host sends what followed it as soon as the socket opens, so nothing sent while there was none is lost.
  let seen = since;

  function connect(): void {
    const url = new URL('events', base);
    if (seen !== null) url.searchParams.set('since', String(seen));
    socket = new WebSocket(url.href.replace(/^http/, 'ws'));
    socket.onmessage = (message) => {
      let parsed: { event?: EventName; payload?: unknown; seq?: number };
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (!parsed.event) return;
      if (typeof parsed.seq === 'number') seen = parsed.seq;
      for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload as never);
    };
    socket.onopen = () => (retry = 250);
    socket.onclose = () => {
      socket = null;
      // The host may restart; reconnect with backoff rather than going deaf.
      setTimeout(connect, (retry = Math.min(retry * 2, 5000)));
    };
  }
  // Opening a WebSocket costs the main thread ~10 ms on a cold start, and the first frame (the library's rows) needs
  // no event: the socket opens in the task after it, and asks for what was sent since the page's answers were read.
  void connectWhen.then(connect);

  return {
    async invoke<N extends RequestName>(name: N, params: Params<N>): Promise<Reply<N>> {
      // File bytes go as they are, in a binary envelope the Blob joins without copying; the rest as JSON.
      const binary = holdsBytes(params);
      let response: Response;
      try {
        response = await fetch(new URL(`api/${encodeURIComponent(name)}`, base), {
          method: 'POST',
          headers: { 'content-type': binary ? ENVELOPE_TYPE : 'application/json' },
          body: binary ? new Blob(encodeEnvelope(params) as BlobPart[]) : JSON.stringify(params ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        // No answer at all (the browser says only "Failed to fetch"): the host was stopped. A new one has another port
        // and token, so reloading this tab cannot help; its printed URL can.
        return { ok: false, error: `Broadsheet's host at ${new URL(base).host} does not answer (was it stopped?): start it again (npm start, or broadsheet serve) and open the URL it prints` };
      }
      if (response.status === 401) return { ok: false, error: 'not authorised: open the URL the host printed' };
      const text = await response.text().catch(() => '');
      try {
        return JSON.parse(text) as Reply<N>;
      } catch {
        // Not a contract reply (the host's HTTP layer refused it): say what the host said, not only its status.
        const said = text.trim().split('\n')[0].slice(0, 200);
        return { ok: false, error: `${name}: host answered ${response.status}${said ? `: ${said}` : ''}` };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    fileUrl(id: string): string {
      return new URL(`files/${encodeURIComponent(id)}`, base).href;
    },
  };
}
