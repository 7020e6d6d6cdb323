import { describe, expect, it } from 'vitest';
import { ReadAheadGate } from './read-ahead.ts';

/** Enters `sizes` in order and reports which were admitted at once. */
function admitted(gate: ReadAheadGate, sizes: number[]): { order: number[]; entered: Array<Promise<void>> } {
  const order: number[] = [];
  const entered = sizes.map((size, i) => gate.enter(size).then(() => void order.push(i)));
  return { order, entered };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('ReadAheadGate: files prepared ahead of the workers', () => {
  it('admits one file per worker of any size, and files ahead only when small', async () => {
    const gate = new ReadAheadGate(2, 1, 100);
    expect(gate.lanes).toBe(3);
    const { order } = admitted(gate, [500, 500, 100]);
    await settle();
    // Two large files go to the two workers; the small one is read ahead.
    expect(order).toEqual([0, 1, 2]);
    const more = gate.enter(10);
    let fourth = false;
    void more.then(() => (fourth = true));
    await settle();
    expect(fourth).toBe(false); // workers + ahead are all taken
    gate.leave();
    await settle();
    expect(fourth).toBe(true);
  });

  it('holds a large file back while the workers are busy, and admits waiters in the order they came', async () => {
    const gate = new ReadAheadGate(1, 1, 100);
    const { order } = admitted(gate, [50, 200, 10]);
    await settle();
    // The 200-byte file does not fit beside the one at work; the small one behind it waits its turn too.
    expect(order).toEqual([0]);
    gate.leave();
    await settle();
    // The large one goes to the worker now free, and the small one behind it is read ahead.
    expect(order).toEqual([0, 1, 2]);
  });

  it('without read-ahead it is one file per worker, as before', async () => {
    const gate = new ReadAheadGate(2, 0);
    expect(gate.lanes).toBe(2);
    const { order } = admitted(gate, [1, 1, 1]);
    await settle();
    expect(order).toEqual([0, 1]);
    gate.leave();
    await settle();
    expect(order).toEqual([0, 1, 2]);
  });
});
