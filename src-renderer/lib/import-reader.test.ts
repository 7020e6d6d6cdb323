import { describe, expect, it } from 'vitest';
import { dataUrlPayload, encodeInSlices, formatBytes, planBatches, readAsBase64, readingLabel } from './import-reader.ts';

const sample = (n: number) => {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 17) & 0xff;
  return bytes;
};

describe('encodeInSlices', () => {
  it('joins slice encodings into exactly the whole encoding, for every tail length', async () => {
    for (const n of [0, 1, 2, 3, 10, 11, 12]) {
      const bytes = sample(n);
      expect(await encodeInSlices(bytes, () => {}, 4, async () => {})).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
  it('reports bytes done after each slice and yields between slices', async () => {
    const seen: number[] = [];
    let pauses = 0;
    await encodeInSlices(sample(10), (d) => seen.push(d), 3, async () => void pauses++);
    expect(seen).toEqual([3, 6, 9, 10]);
    expect(pauses).toBe(4);
  });
});

describe('readAsBase64', () => {
  it('reads a file to the same base64 Node writes, ending at its full size', async () => {
    const bytes = sample(70_001);
    const seen: number[] = [];
    const out = await readAsBase64(new Blob([bytes]), (n) => seen.push(n));
    expect(out).toBe(Buffer.from(bytes).toString('base64'));
    expect(seen.at(-1)).toBe(bytes.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('dataUrlPayload', () => {
  it('takes what follows the comma of a base64 data URL', () => {
    expect(dataUrlPayload('data:application/pdf;base64,JVBERi0=')).toBe('JVBERi0=');
    expect(dataUrlPayload('data:;base64,')).toBe('');
  });
  it('refuses anything else', () => {
    expect(() => dataUrlPayload('data:text/plain,hello')).toThrow();
    expect(() => dataUrlPayload('blob:abc')).toThrow();
  });
});

describe('planBatches', () => {
  it('keeps each request under the encoded limit, in order', () => {
    // 30 bytes encode to 40: two fit under 100, a third does not.
    expect(planBatches([30, 30, 30, 30, 30], 100)).toEqual([[0, 1], [2, 3], [4]]);
  });
  it('sends an oversized file alone rather than never', () => {
    expect(planBatches([10, 1000, 10], 100)).toEqual([[0], [1], [2]]);
  });
  it('caps the file count per request', () => {
    expect(planBatches([1, 1, 1, 1, 1], 1e9, 2)).toEqual([[0, 1], [2, 3], [4]]);
  });
});

it('labels progress in bytes', () => {
  expect(formatBytes(512)).toBe('512 B');
  expect(formatBytes(2048)).toBe('2 KB');
  expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
  expect(formatBytes(48 * 1024 * 1024)).toBe('48 MB');
  expect(readingLabel('a.pdf', 1024 * 1024, 4 * 1024 * 1024)).toBe('Reading a.pdf · 1.0 MB of 4.0 MB');
});
