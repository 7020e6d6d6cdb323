import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { OPENING_ID, START_ANSWERS_ID } from '../../core/start-answers.ts';
import { createHostBridge, startEventSeq } from './host-bridge.ts';

/** The browser's WebSocket as the bridge uses it: the URLs it was opened with, and a way to deliver and drop. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  onmessage: ((m: { data: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.opened.push(this);
  }
  deliver(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const BASE = 'http://127.0.0.1:4000/s/abc/';

it("reads the number of the last event sent before the page's answers were read from the page's data block", () => {
  const page = (attrs: Record<string, string>) => ({
    getElementById: (id: string) => (id === START_ANSWERS_ID ? ({ getAttribute: (name: string) => attrs[name] ?? null } as unknown as HTMLElement) : null),
  });
  expect(startEventSeq(page({ 'data-events': '42' }))).toBe(42);
  expect(startEventSeq(page({ 'data-events': 'x' }))).toBe(null);
  expect(startEventSeq({ getElementById: () => null })).toBe(null);
});

it('reads it from the block of a page served while the library was opening, which carries no answers', () => {
  const block = { getAttribute: (name: string) => (name === 'data-events' ? '7' : null) } as unknown as HTMLElement;
  expect(startEventSeq({ getElementById: (id: string) => (id === OPENING_ID ? block : null) })).toBe(7);
});

it('opens its socket asking for the events after the one the page was served with, and after a drop for those after the last it saw', async () => {
  const bridge = createHostBridge(BASE, Promise.resolve(), 7);
  const seen: string[][] = [];
  bridge.on('library.changed', (e) => seen.push(e.ids));
  await vi.advanceTimersByTimeAsync(0);
  expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://127.0.0.1:4000/s/abc/events?since=7']);
  FakeSocket.opened[0].deliver({ event: 'library.changed', payload: { ids: ['a'] }, seq: 8 });
  FakeSocket.opened[0].deliver({ event: 'library.changed', payload: { ids: ['b'] }, seq: 9 });
  FakeSocket.opened[0].onclose?.();
  await vi.advanceTimersByTimeAsync(500);
  expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://127.0.0.1:4000/s/abc/events?since=7', 'ws://127.0.0.1:4000/s/abc/events?since=9']);
  expect(seen).toEqual([['a'], ['b']]);
});

it('asks for nothing old when the page carried no number (a page served without its answers)', async () => {
  createHostBridge(BASE, Promise.resolve(), null);
  await vi.advanceTimersByTimeAsync(0);
  expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://127.0.0.1:4000/s/abc/events']);
});

it('says the host does not answer, and what to do, when a request gets no answer at all (the host was stopped)', async () => {
  // What Chromium's fetch throws when nothing listens on the port any more.
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
  const bridge = createHostBridge(BASE, new Promise(() => {}), null);
  await expect(bridge.invoke('library.list', { sort: 'imported' })).resolves.toEqual({
    ok: false,
    error: "Broadsheet's host at 127.0.0.1:4000 does not answer (was it stopped?): start it again (npm start, or broadsheet serve) and open the URL it prints",
  });
});
