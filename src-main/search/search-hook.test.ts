import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { chineseVariants } from './chinese-variants.ts';

/** The app keeps its index current by itself: an import through the contract is searchable without any rebuild. */
let dir: string;
let services: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-search-hook-'));
  services = await openAppServices({ libraryDir: dir, host: 'browser', version: 'test', processor: inThreadProcessor });
});

afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

it('indexes an imported document on library.changed, with progress events, and answers search.query', async () => {
  const progress: Array<{ done: number; total: number }> = [];
  services.events.subscribe((event, payload) => {
    if (event === 'search.progress') progress.push(payload as { done: number; total: number });
  });
  const text = '区域职工活动中心面积500平方米。\nThe Evening Star, Washington.\n';
  const [result] = await services.handlers['library.import']({ files: [{ name: 'note.txt', data: new TextEncoder().encode(text) }] });
  expect(result.status).toBe('imported');
  await services.search.catchUp();
  expect(progress.at(-1)).toEqual({ done: 0, total: 0, reason: 'ready' });
  const r = await services.handlers['search.query']({ q: '活动中心 washington' });
  expect(r.total).toBe(0); // two different blocks: AND is per block
  const zh = await services.handlers['search.query']({ q: '活动中心' });
  expect(zh.hits.map((h) => [h.document, h.snippet])).toEqual([[result.id, '区域职工活动中心面积500平方米。']]);
  const latin = await services.handlers['search.query']({ q: 'wasbington' });
  expect(latin.hits.map((h) => h.exact)).toEqual([false]);
});

it('matches simplified and traditional forms alike when asked (职工 finds 職工)', async () => {
  const [result] = await services.handlers['library.import']({ files: [{ name: 'tw.txt', data: new TextEncoder().encode('臺北職工活動中心落成。\n') }] });
  await services.search.catchUp();
  expect((await services.handlers['search.query']({ q: '职工活动' })).hits.map((h) => h.document)).not.toContain(result.id);
  const both = await services.handlers['search.query']({ q: '职工活动', variants: true });
  expect(both.hits.map((h) => h.document)).toContain(result.id);
  const tw = both.hits.find((h) => h.document === result.id)!;
  expect(tw.marks.map(([s, e]) => tw.snippet.slice(s, e))).toEqual(['職工活動']);
  // And the other way round, with an exclusion in the other form.
  expect((await services.handlers['search.query']({ q: '職工 -活动中心', variants: true })).hits.map((h) => h.document)).not.toContain(result.id);
});

it('says how many blocks the other written form would find when none are found as typed, and only then', async () => {
  const [result] = await services.handlers['library.import']({ files: [{ name: 'gd.txt', data: new TextEncoder().encode('廣東鐵路今日通車。\n') }] });
  await services.search.catchUp();
  const typed = await services.handlers['search.query']({ q: '广东铁路' });
  expect([typed.total, typed.withVariants]).toEqual([0, 1]);
  // And what matching both forms will search for besides the query as typed.
  expect(typed.otherForms).toEqual(['廣東鐵路']);
  // Found with the box ticked: nothing to point to.
  const ticked = await services.handlers['search.query']({ q: '广东铁路', variants: true });
  expect([ticked.hits.map((h) => h.document), ticked.withVariants, ticked.otherForms]).toEqual([[result.id], undefined, undefined]);
  // Found as typed, in neither form, or not Chinese: no hint either.
  expect((await services.handlers['search.query']({ q: '廣東鐵路' })).withVariants).toBeUndefined();
  expect((await services.handlers['search.query']({ q: '火车站' })).withVariants).toBeUndefined();
  expect((await services.handlers['search.query']({ q: '火车站', variants: true })).withVariants).toBeUndefined();
  expect((await services.handlers['search.query']({ q: 'railway' })).withVariants).toBeUndefined();
});

it('counts the other written form as the search with variants would find it, block for block', async () => {
  const text = ['臺灣鐵路局今日公佈新時刻表。', '鐵路沿線居民歡迎新車站。', '台湾铁路的新车站明日启用。', 'The railway station opens today.', '鐵路工人罷工。'].join('\n\n') + '\n';
  await services.handlers['library.import']({ files: [{ name: 'rail.txt', data: new TextEncoder().encode(text) }] });
  await services.search.catchUp();
  for (const q of ['铁路局', '新时刻', '铁路工人', '鐵路 -车站', '台湾铁路']) {
    const typed = await services.handlers['search.query']({ q });
    const both = await services.handlers['search.query']({ q, variants: true });
    expect([q, typed.total, typed.withVariants ?? 0]).toEqual([q, typed.total, typed.total === 0 ? both.total : 0]);
  }
  expect((await services.handlers['search.query']({ q: '铁路局' })).withVariants).toBe(1);
  expect((await services.handlers['search.query']({ q: '铁路工人' })).withVariants).toBe(1);
  // The index's count is its search's total, with and without variants, filters, and the raw layer.
  const variants = chineseVariants();
  for (const [q, opts] of [
    ['鐵路', {}],
    ['铁路', { variants }],
    ['铁路', { variants, kinds: ['heading'] }],
    ['铁路', { variants, raw: true, limit: 1 }],
    ['railwya', {}],
    ['-車站 鐵路', { variants }],
  ] as const) {
    const opt = { ...opts, kinds: 'kinds' in opts ? [...opts.kinds] : undefined };
    expect([q, services.search.index.count(q, opt)]).toEqual([q, services.search.index.search(q, opt).total]);
  }
});
