import { describe, expect, it } from 'vitest';
import { requests } from './contract.ts';
import { isIsoDate, isoDateProblem } from './iso-date.ts';

describe('archive dates', () => {
  it('accepts real days, months and years', () => {
    for (const d of ['1918', '1918-09', '1918-09-01', '1865-02-28', '1904-02-29', '2000-02-29', '1865-12-31']) expect(isIsoDate(d), d).toBe(true);
  });

  it('refuses impossible ones, saying why', () => {
    expect(isoDateProblem('1865-13-45')).toBe('no month 13 (01–12)');
    expect(isoDateProblem('1865-02-30')).toBe('no day 30 in 1865-02 (it has 28 days)');
    expect(isoDateProblem('1900-02-29')).toBe('no day 29 in 1900-02 (it has 28 days)');
    expect(isoDateProblem('1865-04-31')).toBe('no day 31 in 1865-04 (it has 30 days)');
    expect(isoDateProblem('1865-00')).toBe('no month 00 (01–12)');
    expect(isoDateProblem('1865-01-00')).toMatch(/^no day 00/);
    expect(isoDateProblem('18650101')).toBe('expected YYYY, YYYY-MM or YYYY-MM-DD');
    expect(isoDateProblem('9/1/1918')).toBe('expected YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('is checked by the contract, so every transport refuses an impossible date', () => {
    const params = requests['document.updateMetadata'].params;
    const id = 'a'.repeat(64);
    expect(params.safeParse({ id, patch: { date: '1865-02-30' } }).success).toBe(false);
    expect(params.safeParse({ id, patch: { date: '1865-13-45' } }).success).toBe(false);
    expect(params.safeParse({ id, patch: { date: '1865-02-28' } }).success).toBe(true);
    expect(params.safeParse({ id, patch: { date: '' } }).success).toBe(true);
    expect(requests['library.list'].params.safeParse({ dateFrom: '1918-02-30' }).success).toBe(false);
  });
});
