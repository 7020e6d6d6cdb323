import { describe, expect, it, vi } from 'vitest';
import type { SearchHit, SearchResult } from '../../core/search/search-model.ts';
import { SearchController } from './search-controller.svelte.ts';

const hit = (document: string, page: number, block: string, text = `${document} ${block}`): SearchHit => ({
  document,
  page,
  block,
  layer: 'cleaned',
  kind: 'paragraph',
  snippet: text,
  marks: [],
  ranges: [[0, 4]],
  exact: true,
  score: 1,
});
const result = (hits: SearchHit[]): SearchResult => ({ total: hits.length, tookMs: 0, hits, indexing: null });

// The 1918 page's three hits for "Washington", as the search-reveal walk steps through them.
const star = [hit('star', 1, 'p1b69'), hit('star', 1, 'p1b118'), hit('star', 1, 'p1b77')];
const letter = hit('letter', 1, 'p1b1');

/** A controller over a back end whose answer the test sets, with the star page open (hits open their page). */
function controller(first: SearchHit[]) {
  const answer = { hits: first };
  const asked: string[] = [];
  const remarks: Array<[string | null, string | null]> = [];
  const open = { document: null as string | null, page: 1 };
  const search = new SearchController({
    query: async (params) => {
      asked.push(params.q);
      return result(params.document ? answer.hits.filter((h) => h.document === params.document) : answer.hits);
    },
    documentId: () => open.document,
    pageNumber: () => open.page,
    open: (document, page) => void Object.assign(open, { document, page }),
    remark: (previous, next) => void remarks.push([previous, next]),
    fail: (err) => {
      throw err;
    },
  });
  /** The app's answer to search.progress's "ready": the same query again, at once. */
  const refresh = async (hits: SearchHit[]) => {
    answer.hits = hits;
    const shownBefore = search.result;
    search.update(true);
    await vi.waitFor(() => expect(search.result).not.toBe(shownBefore));
  };
  return { search, answer, asked, remarks, refresh };
}

async function typed(search: SearchController, text: string) {
  search.text = text;
  search.update(true);
  await vi.waitFor(() => expect(search.result?.hits.length).toBeGreaterThan(0));
}

const shown = (search: SearchController) => search.result?.hits[search.current]?.block ?? null;

describe('SearchController, its list searched again while the archivist steps through it', () => {
  it('keeps the hit shown when a document is added ahead of it, and Enter goes on to the hit after it', async () => {
    const { search, refresh, remarks } = controller(star);
    await typed(search, 'Washington');
    await search.step(1);
    await search.step(1);
    expect(shown(search)).toBe('p1b118');

    // The letter ranks first: every index moves by one.
    await refresh([letter, ...star]);
    expect(search.result!.hits.map((h) => h.block)).toEqual(['p1b1', 'p1b69', 'p1b118', 'p1b77']);
    expect(search.current).toBe(2);
    expect(remarks).toEqual([]);

    await search.step(1);
    expect(shown(search)).toBe('p1b77');
    // Past the last: round to the letter, first in the list.
    await search.step(1);
    expect(search.result!.hits[search.current].document).toBe('letter');
  });

  it('keeps the hit shown when its words moved (a correction), and Shift+Enter goes back from it', async () => {
    const { search, refresh } = controller(star);
    await typed(search, 'Washington');
    await search.step(1);
    await search.step(1);
    const corrected = { ...star[1], layer: 'corrected' as const, ranges: [[20, 30] as [number, number]], snippet: 'announced at Washington' };
    await refresh([star[0], corrected, star[2]]);
    expect(search.result!.hits[search.current]).toBe(corrected);
    await search.step(-1);
    expect(shown(search)).toBe('p1b69');
  });

  it('with the hit shown gone, shows none and Enter goes to the hit that followed it, Shift+Enter to the one before', async () => {
    const { search, refresh, remarks } = controller(star);
    await typed(search, 'Washington');
    await search.step(1);
    await search.step(1);
    await refresh([star[0], star[2], letter]);
    expect(search.current).toBe(-1);
    // Its outline goes with it.
    expect(remarks).toEqual([['p1b118', null]]);
    await search.step(1);
    expect(shown(search)).toBe('p1b77');

    // Gone too: the letter followed it, and the one before the letter is the page's first hit.
    await refresh([star[0], letter]);
    expect(search.current).toBe(-1);
    // A refresh before the next Enter keeps where Enter goes (with it lost, Shift+Enter would go to the last hit).
    await refresh([star[0], letter, hit('other', 2, 'p2b4')]);
    await search.step(-1);
    expect(shown(search)).toBe('p1b69');
  });

  it('with the hit shown and every hit after it gone, Enter starts from the top', async () => {
    const { search, refresh } = controller(star);
    await typed(search, 'Washington');
    await search.step(-1);
    expect(shown(search)).toBe('p1b77');
    await refresh([letter, star[0]]);
    expect(search.current).toBe(-1);
    await search.step(1);
    expect(search.result!.hits[search.current].document).toBe('letter');
  });

  it('still treats a new query as new: its first hit on the open page is the one shown', async () => {
    const { search, answer, asked } = controller(star);
    await typed(search, 'Washington');
    await search.step(1);
    await search.step(1);
    answer.hits = [star[0], star[2]];
    search.text = 'Washington D.C.';
    search.update(true);
    await vi.waitFor(() => expect(search.result?.hits.length).toBe(2));
    expect(asked.at(-1)).toBe('Washington D.C.');
    expect(shown(search)).toBe('p1b69');
  });
});
