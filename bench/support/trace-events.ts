/**
 * Chromium trace events as the bench traces read them (browser.startTracing /
 * stopTracing), and the one walk they all need: each event's self time on a
 * thread within a window, its children's time taken off, so "where did the
 * main thread's time go" adds up to the time it was busy.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what the thread ran, whatever the machine's load. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> & { documentLoaderURL?: string; url?: string; frame?: string }; beginData?: Record<string, unknown> };
}

export interface SelfTimes {
  /** Wall µs by event name, within [from, end). */
  wall: Map<string, number>;
  /** CPU µs by event name (an event's thread time, in proportion to the part of it inside the window). */
  cpu: Map<string, number>;
}

/**
 * Self time by event name of complete ('X') events, sorted by start, within
 * [from, end) µs; `onTopLevel` sees each outermost event as it closes (for
 * lists of long tasks).
 */
export function selfTimes(on: readonly TraceEvent[], from: number, end: number, onTopLevel?: (e: TraceEvent) => void): SelfTimes {
  const wall = new Map<string, number>();
  const cpu = new Map<string, number>();
  const stack: Array<{ e: TraceEvent; child: number; cpuChild: number }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= upTo) {
      const { e, child, cpuChild } = stack.pop()!;
      const d = Math.min(e.ts + e.dur!, end) - Math.max(e.ts, from);
      const c = (e.tdur ?? 0) * (e.dur! > 0 ? Math.max(0, d) / e.dur! : 1);
      if (d > 0) {
        wall.set(e.name, (wall.get(e.name) ?? 0) + d - child);
        cpu.set(e.name, (cpu.get(e.name) ?? 0) + c - cpuChild);
      }
      if (stack.length) {
        stack.at(-1)!.child += Math.max(0, d);
        stack.at(-1)!.cpuChild += c;
      } else onTopLevel?.(e);
    }
  };
  for (const e of on) {
    if (e.ts > end) break;
    close(e.ts);
    stack.push({ e, child: 0, cpuChild: 0 });
  }
  close(Infinity);
  return { wall, cpu };
}
