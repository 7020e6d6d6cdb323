import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textDumpToRawPage } from './text-page.ts';
import { LINE_MAX_CHARS, PAGE_HARD_CHARS, PAGE_SOFT_CHARS, TextDumpPager } from './text-dump-pager.ts';

function pages(text: string, chunk = 7): string[] {
  const pager = new TextDumpPager();
  const out: string[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...pager.push(text.slice(i, i + chunk)));
  return [...out, ...pager.end()];
}

describe('TextDumpPager', () => {
  it('keeps a small dump as one page, byte for byte, however it is fed', () => {
    const seed = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'seed-excerpt.txt'), 'utf8');
    const [only, ...more] = pages(seed, 3);
    expect(more).toEqual([]);
    expect(textDumpToRawPage(only)).toEqual(textDumpToRawPage(seed));
    expect(pages(seed, 1 << 20)).toEqual([only]);
  });

  it('ends a page at each form feed and drops pages with no text', () => {
    expect(pages('one\ntwo\fthree\n\f\f  \ffour')).toEqual(['one\ntwo', 'three\n', 'four']);
  });

  it('ends a long page at a blank line past the soft limit, and at a line end past the hard limit', () => {
    const line = '来到大陈村职工活动中心'.repeat(10); // 110 chars
    const para = Array.from({ length: 20 }, () => line).join('\n');
    const dump = Array.from({ length: 200 }, () => para).join('\n\n');
    const out = pages(dump, 4096);
    expect(out.length).toBeGreaterThan(1);
    for (const p of out) expect(p.length).toBeLessThanOrEqual(PAGE_HARD_CHARS);
    for (const p of out.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(PAGE_SOFT_CHARS - 3000);
    // Nothing lost: the pages hold every line, in order.
    expect(out.join('\n').split('\n').filter((l) => l.trim())).toEqual(dump.split('\n').filter((l) => l.trim()));
    const noBlank = Array.from({ length: 5000 }, () => line).join('\n');
    for (const p of pages(noBlank, 65536)) expect(p.length).toBeLessThanOrEqual(PAGE_HARD_CHARS);
  });

  it('cuts a line longer than the line limit without splitting a surrogate pair', () => {
    const long = '𠀀'.repeat(LINE_MAX_CHARS); // 2 UTF-16 units each
    const out = pages(long, 10_000);
    const lines = out.join('\n').split('\n');
    expect(lines.every((l) => l.length <= LINE_MAX_CHARS)).toBe(true);
    expect(lines.join('')).toBe(long);
  });

  it('gives one empty page for a dump without text', () => {
    expect(pages('\n\n  \n')).toEqual(['']);
  });
});
