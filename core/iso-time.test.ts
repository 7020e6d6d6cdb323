import { describe, expect, it } from 'vitest';
import { isoMinute } from './iso-time.ts';

describe('isoMinute', () => {
  it('writes a moment as ISO 8601 date and minute in local time', () => {
    expect(isoMinute(new Date(2026, 10, 29, 14, 35, 59))).toBe('2026-11-29 14:35');
    expect(isoMinute(new Date(2026, 0, 2, 3, 4).toISOString())).toBe('2026-01-02 03:04');
    expect(isoMinute(new Date(1918, 8, 1, 0, 0).getTime())).toBe('1918-09-01 00:00');
  });

  it('gives back what is not a moment as it is, rather than "Invalid Date"', () => {
    expect(isoMinute('not a date')).toBe('not a date');
  });
});
