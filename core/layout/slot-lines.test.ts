import { describe, expect, it } from 'vitest';
import { buildBlocks, type LineBlock } from './blocks.ts';
import type { Line } from './lines.ts';
import { fillSlots } from './slot-lines.ts';

function line(x0: number, x1: number, top: number, bottom: number, size = bottom - top): Line {
  return { segs: [], x0, x1, top, bottom, size, chars: 40, gapSum: 0, gaps: 0 };
}

/** A column of body lines on a 10 pt pitch (9 pt boxes), baselines at 110, 120, ... except the skipped ones. */
function column(skip: readonly number[], n = 8): Line[] {
  const out: Line[] = [];
  for (let k = 0; k < n; k++) if (!skip.includes(k)) out.push(line(100, 300, 101 + 10 * k, 110 + 10 * k));
  return out;
}

function blockOf(lines: Line[]): LineBlock {
  return {
    lines: [...lines],
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    top: Math.min(...lines.map((l) => l.top)),
    bottom: Math.max(...lines.map((l) => l.bottom)),
  };
}

describe('fillSlots', () => {
  it('puts a body line the OCR boxed twice too tall back into the slot its paragraph left for it', () => {
    // As on the 1870 LoC page: "vidual about six feet high, clothed in solemn"
    // boxed 20 pt tall in a 9 pt column, reaching below its own baseline.
    const host = column([3]);
    const tall = line(100, 280, 135, 155, 20);
    // By size it leaves the column, which breaks in two around it.
    const blocks = buildBlocks([...host, tall]);
    expect(blocks).toHaveLength(3);
    const out = fillSlots(blocks);
    expect(out).toHaveLength(1);
    expect(out[0].lines).toEqual([...host.slice(0, 3), tall, ...host.slice(3)]);
  });

  it('fills two slots with the lines that sit in them, in the order their centres give', () => {
    const host = column([3, 4]);
    const a = line(100, 300, 128, 146, 18);
    const b = line(100, 290, 139, 156, 17);
    const out = fillSlots([blockOf(host), blockOf([b]), blockOf([a])]);
    expect(out).toHaveLength(1);
    expect(out[0].lines).toEqual([...host.slice(0, 3), a, b, ...host.slice(3)]);
  });

  it('leaves a heading in larger type alone: it takes more room than one leading', () => {
    // 14 pt head between two paragraphs of a 9 pt column: baselines 130 → 156 → 170.
    const above = [0, 1, 2].map((k) => line(100, 300, 111 + 10 * k, 120 + 10 * k));
    const head = line(140, 260, 142, 156, 14);
    const below = [0, 1, 2].map((k) => line(100, 300, 161 + 10 * k, 170 + 10 * k));
    const out = fillSlots([blockOf([...above, ...below]), blockOf([head])]);
    expect(out).toHaveLength(2);
    expect(out[0].lines).toHaveLength(6);
  });

  it('does not take a line that has company in the slot (a neighbour column reaching in), nor one wider than the column', () => {
    const host = column([3]);
    const slot = line(100, 280, 131, 140);
    const intruder = line(250, 420, 131, 140);
    expect(fillSlots([blockOf(host), blockOf([slot]), blockOf([intruder])])).toHaveLength(3);
    const wide = line(100, 420, 131, 140);
    expect(fillSlots([blockOf(host), blockOf([wide])])).toHaveLength(2);
  });

  it('needs as many lines as missing leadings', () => {
    const host = column([3, 4]);
    expect(fillSlots([blockOf(host), blockOf([line(100, 300, 131, 140)])])).toHaveLength(2);
  });
});
