import { plural } from '../../core/plural.ts';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../core/contract.ts';
import { ROOT, cli } from './testing/run-cli.ts';

interface JsonOut {
  total: number;
  tookMs: number;
  hits: Array<{ document: string; page: number; block: string | null; snippet: string; rects: number[][] }>;
}

describe('broadsheet search', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-search-'));
    // Import indexes as it goes: the search below needs no catching up.
    const r = cli('import', '--library', dir, join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'), join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf'));
    expect(r.status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints total, tookMs and hits with the matched characters’ rects', () => {
    const r = cli('search', '大陈村', '--library', dir, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.total).toBe(out.hits.length);
    expect(out.total).toBeGreaterThan(0);
    expect(out.tookMs).toBeGreaterThanOrEqual(0);
    for (const h of out.hits) {
      expect(h.document).toMatch(/^[a-f0-9]{64}$/);
      expect(h.block).toMatch(/^p1b\d+$/);
      expect(h.snippet).toContain('大陈村');
      expect(h.rects.length).toBeGreaterThan(0);
      for (const [x0, y0, x1, y1] of h.rects) {
        expect(x1).toBeGreaterThan(x0);
        expect(y1).toBeGreaterThan(y0);
      }
    }
  });

  it('prints one readable line a hit, honours --limit, and counts every matching block', () => {
    const all = JSON.parse(cli('search', 'the', '--library', dir, '--json', '--limit', '500').stdout) as JsonOut;
    const r = cli('search', 'the', '--library', dir, '--limit', '2');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/p\.1 {2}p1b\d+ {2}.*\[the\]/i);
    expect(lines[2]).toContain(`${all.total} matching blocks, 2 shown`);
  });

  it('with no hits as typed, says how many blocks the other written form finds, and that --variants finds them', () => {
    const both = JSON.parse(cli('search', '大陳村', '--library', dir, '--json', '--variants').stdout) as JsonOut;
    expect(both.total).toBeGreaterThan(0);
    const r = cli('search', '大陳村', '--library', dir);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\([\d.]+ ms\)/, '(N ms)')).toBe(`0 matching blocks (N ms)\nthe other written form (simplified or traditional) is found in ${plural(both.total, 'block')}: add --variants\n`);
    expect(JSON.parse(cli('search', '大陳村', '--library', dir, '--json').stdout)).toMatchObject({ total: 0, withVariants: both.total, hits: [] });
    // Found as typed, or asked with --variants: no such line.
    expect(cli('search', '大陈村', '--library', dir).stdout).not.toContain('--variants');
    expect(JSON.parse(cli('search', '大陳村', '--library', dir, '--json', '--variants').stdout)).not.toHaveProperty('withVariants');
  });

  it('searches the raw layer with --raw, and refuses bad arguments in one line', () => {
    const raw = JSON.parse(cli('search', '大陈村', '--library', dir, '--raw', '--json').stdout) as JsonOut;
    expect(raw.hits.map((h) => h.block)).toEqual([null]);
    for (const [args, message] of [
      [['search', '--library', dir], 'exactly one query'],
      [['search', 'x', '--library', dir, '--limit', '0'], '--limit'],
      [['search', 'x', '--library', join(dir, 'nowhere')], 'no library at'],
    ] as const) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('broadsheet search names pages as the library does', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-search-pages-'));
    // Page 7 of its issue, by its name: the library lists it as "p. 7"; it is page 1 of its file.
    const file = join(dir, 'the-bench-gazette-1901-02-03-p7.pdf');
    copyFileSync(join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf'), file);
    expect(cli('import', '--library', join(dir, 'lib'), file).status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the printed page, and the page in the file beside it where they differ', () => {
    const r = cli('search', 'the', '--library', join(dir, 'lib'), '--limit', '1');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^The Bench Gazette 1901-02-03 {2}p\.7 \(file page 1\) {2}p1b\d+ {2}/);
    const out = JSON.parse(cli('search', 'the', '--library', join(dir, 'lib'), '--limit', '1', '--json').stdout) as JsonOut & { hits: Array<{ printedPage: string }> };
    expect(out.hits[0]).toMatchObject({ page: 1, printedPage: '7' });
  });
});

describe('search.query at the contract boundary', () => {
  const handlers = { 'search.query': () => ({ total: 0, tookMs: 0, hits: [], indexing: null }) } as unknown as Handlers;
  it('refuses malformed params before any handler runs', async () => {
    expect(await dispatch(handlers, 'search.query', { q: 'x'.repeat(1001) })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'search.query', { q: 'x', kinds: ['everything'] })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'search.query', { q: 'x', document: '../etc/passwd' })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'search.query', { q: 'x', sql: 'DROP TABLE' })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'search.query', { q: 'x', limit: 20 })).toMatchObject({ ok: true });
  });
});
