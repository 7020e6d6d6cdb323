import { describe, expect, it } from 'vitest';
import { EventBus, KEPT_EVENTS } from './event-bus.ts';

type Seen = Array<[string, unknown, number]>;
const recorder = (seen: Seen) => (event: string, payload: unknown, seq: number) => void seen.push([event, payload, seq]);

describe('EventBus', () => {
  it('numbers its events from 1 and says the last number sent', () => {
    const bus = new EventBus();
    expect(bus.seq).toBe(0);
    const seen: Seen = [];
    bus.subscribe(recorder(seen));
    bus.emit('library.changed', { ids: ['a'] });
    bus.emit('search.progress', { done: 1, total: 2, reason: 'catch-up' });
    expect(bus.seq).toBe(2);
    expect(seen).toEqual([
      ['library.changed', { ids: ['a'] }, 1],
      ['search.progress', { done: 1, total: 2, reason: 'catch-up' }, 2],
    ]);
  });

  it('sends a late subscriber what followed the number it gives, in order, before anything new', () => {
    const bus = new EventBus();
    bus.emit('library.changed', { ids: ['a'] });
    const since = bus.seq;
    bus.emit('library.changed', { ids: ['b'] });
    bus.emit('annotations.changed', { ids: ['c'] });
    const seen: Seen = [];
    bus.subscribe(recorder(seen), since);
    bus.emit('library.changed', { ids: ['d'] });
    expect(seen).toEqual([
      ['library.changed', { ids: ['b'] }, 2],
      ['annotations.changed', { ids: ['c'] }, 3],
      ['library.changed', { ids: ['d'] }, 4],
    ]);
  });

  it('sends nothing old to a subscriber that has seen everything or gives no number', () => {
    const bus = new EventBus();
    bus.emit('library.changed', { ids: ['a'] });
    const upToDate: Seen = [];
    const live: Seen = [];
    bus.subscribe(recorder(upToDate), bus.seq);
    bus.subscribe(recorder(live));
    expect(upToDate).toEqual([]);
    expect(live).toEqual([]);
  });

  it('tells a subscriber to read everything again when what it missed is no longer kept, or its number is from an earlier start', () => {
    const bus = new EventBus();
    for (let i = 0; i < KEPT_EVENTS + 2; i++) bus.emit('library.changed', { ids: [String(i)] });
    const tooOld: Seen = [];
    bus.subscribe(recorder(tooOld), 1);
    // Corrections it missed too: the page it shows is read again (a lost text.corrected named it).
    expect(tooOld).toEqual([
      ['library.changed', { ids: [] }, KEPT_EVENTS + 2],
      ['annotations.changed', { ids: [] }, KEPT_EVENTS + 2],
      ['text.corrected', { all: true }, KEPT_EVENTS + 2],
    ]);
    // The oldest kept event follows number 2 exactly: that one is replayed, not the catch-all.
    const justKept: Seen = [];
    bus.subscribe(recorder(justKept), 2);
    expect(justKept).toHaveLength(KEPT_EVENTS);
    expect(justKept[0]).toEqual(['library.changed', { ids: ['2'] }, 3]);
    const fromEarlierStart: Seen = [];
    new EventBus().subscribe(recorder(fromEarlierStart), 5);
    expect(fromEarlierStart).toEqual([
      ['library.changed', { ids: [] }, 0],
      ['annotations.changed', { ids: [] }, 0],
      ['text.corrected', { all: true }, 0],
    ]);
  });
});
