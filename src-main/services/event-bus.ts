import type { EventName, EventPayload } from '../../core/contract.ts';

/** `seq`: the event's number, one more than the one before it (the first event is 1). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>, seq: number) => void;

/**
 * How many past events the bus keeps for a renderer that connects late: a
 * browser page opens its socket after its first frame, a dropped socket
 * reconnects after a back-off, and what was sent meanwhile must reach it.
 */
export const KEPT_EVENTS = 500;

interface Sent {
  seq: number;
  event: EventName;
  payload: unknown;
}

/** Fans contract events out to every connected renderer (IPC windows or WebSocket clients). */
export class EventBus {
  private readonly sinks = new Set<EventSink>();
  private readonly kept: Sent[] = [];
  private last = 0;

  /** The number of the last event sent (0 before any): a renderer that read the library now asks from here. */
  get seq(): number {
    return this.last;
  }

  /**
   * `since`: the number of the last event the subscriber has seen (or the
   * `seq` read before it read the library); what came after it is sent first,
   * in order, before any new event. When those events are no longer all kept
   * (or `since` is from a bus that started again), it gets a `library.changed`
   * and an `annotations.changed` naming no documents and a `text.corrected` of
   * `all` instead: read everything again, the corrected text of the page shown too.
   */
  subscribe(sink: EventSink, since?: number): () => void {
    if (since !== undefined && since !== this.last) {
      const first = this.kept[0]?.seq ?? this.last + 1;
      if (since >= first - 1 && since < this.last) for (const e of this.kept) if (e.seq > since) sink(e.event, e.payload as never, e.seq);
      if (since < first - 1 || since > this.last) {
        sink('library.changed', { ids: [] }, this.last);
        sink('annotations.changed', { ids: [] }, this.last);
        sink('text.corrected', { all: true }, this.last);
      }
    }
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const seq = ++this.last;
    this.kept.push({ seq, event, payload });
    if (this.kept.length > KEPT_EVENTS) this.kept.shift();
    for (const sink of this.sinks) sink(event, payload, seq);
  }
}
