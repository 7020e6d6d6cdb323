import { afterEach, describe, expect, it } from 'vitest';
import { benchSwitch } from './bench-switches.ts';

const g = globalThis as { broadsheetBench?: unknown };

describe('benchSwitch', () => {
  afterEach(() => delete g.broadsheetBench);

  it('is unset when no bench set anything: the app takes its own paths', () => {
    expect(benchSwitch('libraryLoad')).toBeUndefined();
    expect(benchSwitch('reader')).toBeUndefined();
  });

  it("reads what a bench's init script put on the window", () => {
    g.broadsheetBench = { libraryLoad: 'list' };
    expect(benchSwitch('libraryLoad')).toBe('list');
    expect(benchSwitch('reader')).toBeUndefined();
    g.broadsheetBench = { reader: 'baseline' };
    expect(benchSwitch('reader')).toBe('baseline');
  });

  it('ignores a value that is not an object', () => {
    g.broadsheetBench = 'list';
    expect(benchSwitch('libraryLoad')).toBeUndefined();
    g.broadsheetBench = null;
    expect(benchSwitch('libraryLoad')).toBeUndefined();
  });
});
