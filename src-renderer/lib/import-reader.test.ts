import { describe, expect, it } from 'vitest';
import { formatBytes, planBatches, readAsBytes, readingLabel } from './import-reader.ts';

const sample = (n: number) => {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 17) & 0xff;
  return bytes;
};

describe('readAsBytes', () => {
  it('reads a file to exactly its bytes, ending at its full size', async () => {
    const bytes = sample(70_001);
    const seen: number[] = [];
    const out = await readAsBytes(new Blob([bytes]), (n) => seen.push(n));
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out).toEqual(bytes);
    expect(seen.at(-1)).toBe(bytes.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('planBatches', () => {
  it('keeps each request under the limit in bytes, in order', () => {
    expect(planBatches([40, 40, 40, 40, 40], 100)).toEqual([[0, 1], [2, 3], [4]]);
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
