import type { EventName, EventPayload } from '../../core/contract.ts';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fans contract events out to every connected renderer (IPC windows or WebSocket clients). */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const sink of this.sinks) sink(event, payload);
  }
}
