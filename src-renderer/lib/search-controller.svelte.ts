import type { Params } from '../../core/contract.ts';
import type { BlockKind } from '../../core/page-model.ts';
import type { IndexProgress, SearchHit, SearchResult } from '../../core/search/search-model.ts';
import { createSearchRunner } from './search-runner.ts';
import { groupHits, stepOrder } from './search-hits.ts';
import { keepPlace } from './search-place.ts';

/**
 * The reader's search state: the query, its filters and scope (the whole
 * archive, or the open document after Ctrl+F), the results, the hit being
 * shown, and the hits on the open page (for the page's hit layer and the
 * cleaned text's highlights). App.svelte owns one and wires it to the reader.
 */

export interface SearchFilters {
  newspaper: string;
  dateFrom: string;
  dateTo: string;
  kind: BlockKind | '';
  raw: boolean;
  /** Match simplified and traditional forms alike. */
  variants: boolean;
}

export interface SearchDeps {
  /** The back end's search (search.query). */
  query: (params: Params<'search.query'>) => Promise<SearchResult>;
  /** Id of the open document, or null. */
  documentId: () => string | null;
  /** Opens a page of a document and brings the block into view. */
  open: (document: string, page: number, block: string | null) => Promise<void> | void;
  fail: (err: unknown) => void;
  /** Number of the open page (with documentId: where a new query's hit can be marked at once). */
  pageNumber?: () => number;
  /**
   * A new result replaced the old one: `previous` is the block the old query's shown hit marked (its outline must go),
   * `next` the block of the new query's hit on the open page, now the one shown (null if none is there).
   */
  remark?: (previous: string | null, next: string | null) => void;
}

const RESULT_LIMIT = 200;
const PAGE_HIT_LIMIT = 500;

export class SearchController {
  text = $state('');
  scope = $state<'archive' | 'document'>('archive');
  filters = $state<SearchFilters>({ newspaper: '', dateFrom: '', dateTo: '', kind: '', raw: false, variants: false });
  result = $state.raw<SearchResult | null>(null);
  busy = $state(false);
  /** Index into result.hits of the hit shown, or -1. */
  current = $state(-1);
  /** Hits on the open page (every one, not just those in the list). */
  pageHits = $state.raw<SearchHit[]>([]);
  progress = $state.raw<IndexProgress | null>(null);
  /** The document the scope is limited to (Ctrl+F). */
  scopeDocument = $state<string | null>(null);
  /** Why a typed filter cannot be used (an impossible date in From or To), by field: while any is set no query runs. */
  filterProblems = $state<Partial<Record<'dateFrom' | 'dateTo', string>>>({});

  readonly groups = $derived(groupHits(this.result?.hits ?? []));
  readonly order = $derived(stepOrder(this.groups));
  readonly active = $derived(this.text.trim().length > 0);
  /** A filter as typed is no date: the results would be those of the filter before it, so there are none. */
  readonly blocked = $derived(Object.values(this.filterProblems).some(Boolean));

  private readonly deps: SearchDeps;
  private readonly runner;
  private pageTicket = 0;
  /** The query the result answers, as sent: the same again is a refresh of the list, not a new search. */
  private resultQuery: string | null = null;
  /** The hit shown left the list in a refresh: the one Enter goes to next (search-place.ts), else null. */
  private next: number | null = null;

  constructor(deps: SearchDeps) {
    this.deps = deps;
    this.runner = createSearchRunner(
      (params: ReturnType<SearchController['params']>) => deps.query(params),
      (result, params) => this.replace(result, params),
      (err) => deps.fail(err),
      120,
      (busy) => (this.busy = busy),
    );
  }

  /**
   * A new query's result (or none): the old query's shown hit must not stay marked on the open page, which stays
   * open; if the new query has a hit there, that one becomes the hit shown instead (the first in the list's order).
   * With no hit shown before (a first search), none is chosen: F3 then starts from the top of the list.
   */
  private replace(result: SearchResult | null, params?: ReturnType<SearchController['params']>): void {
    const query = result && params ? JSON.stringify(params) : null;
    if (query !== null && query === this.resultQuery && this.result) {
      this.refresh(result!);
      return;
    }
    this.resultQuery = query;
    this.next = null;
    const previous = this.result?.hits[this.current]?.block ?? null;
    const doc = this.deps.documentId();
    const page = this.deps.pageNumber?.();
    this.result = result;
    const here = previous !== null && result && doc && page !== undefined ? this.order.find((i) => result.hits[i].document === doc && result.hits[i].page === page) : undefined;
    this.current = here ?? -1;
    const next = here === undefined ? null : result!.hits[here].block;
    if (previous !== null || next !== null) this.deps.remark?.(previous, next);
  }

  /**
   * The same query answered again (the index caught up with an import, a document went): the archivist stays where
   * they were. A CI run saw the refresh land between two Enters and make the page's first hit the one shown, so Enter
   * went back to the second hit instead of on to the third.
   */
  private refresh(result: SearchResult): void {
    const before = { hits: this.result!.hits, order: this.order };
    const shown = before.hits[this.current]?.block ?? null;
    const place = { current: this.current, next: this.next };
    this.result = result;
    const kept = keepPlace(before, place, { hits: result.hits, order: this.order });
    this.current = kept.current;
    this.next = kept.next;
    // The hit shown left the list: its outline goes with it (its block is the same one when it stays).
    if (shown !== null && kept.current < 0) this.deps.remark?.(shown, null);
  }

  private params(extra: { document?: string; limit?: number } = {}) {
    const f = this.filters;
    return {
      q: this.text,
      limit: extra.limit ?? RESULT_LIMIT,
      ...(f.raw ? { raw: true } : {}),
      ...(f.variants ? { variants: true } : {}),
      ...(f.newspaper ? { newspaper: f.newspaper } : {}),
      ...(f.dateFrom ? { dateFrom: f.dateFrom } : {}),
      ...(f.dateTo ? { dateTo: f.dateTo } : {}),
      ...(f.kind ? { kinds: [f.kind] } : {}),
      ...((extra.document ?? (this.scope === 'document' ? this.scopeDocument : null)) ? { document: extra.document ?? this.scopeDocument! } : {}),
    };
  }

  /** The query or a filter changed: search again (debounced while typing). */
  update(immediate = false): void {
    if (!this.active || this.blocked) {
      this.runner.cancel();
      this.replace(null);
      this.pageHits = [];
      return;
    }
    this.runner.run(this.params(), immediate);
  }

  /** A date filter as typed became unusable (its reason) or usable again (null): search again, or show no stale results. */
  filterProblem(field: 'dateFrom' | 'dateTo', problem: string | null): void {
    this.filterProblems = { ...this.filterProblems, [field]: problem ?? undefined };
    this.update(true);
  }

  /** Ctrl+F: search only the open document. */
  scopeToDocument(): void {
    const id = this.deps.documentId();
    if (!id) return;
    this.scope = 'document';
    this.scopeDocument = id;
    this.update(true);
  }

  scopeToArchive(): void {
    this.scope = 'archive';
    this.scopeDocument = null;
    this.update(true);
  }

  /**
   * The library changed: if the document search is limited to is no longer in it, search the whole library again
   * (a search limited to a removed document finds nothing, and the box would still say "Search this document").
   * True if the scope went back to the library.
   */
  dropScopeUnless(inLibrary: (id: string) => boolean): boolean {
    if (this.scope !== 'document' || !this.scopeDocument || inLibrary(this.scopeDocument)) return false;
    this.scopeToArchive();
    return true;
  }

  clear(): void {
    this.text = '';
    this.update();
  }

  /** Opens hit `index` (an index into result.hits). */
  async show(index: number): Promise<void> {
    const hit = this.result?.hits[index];
    if (!hit) return;
    this.current = index;
    this.next = null;
    await this.deps.open(hit.document, hit.page, hit.block);
  }

  /** Enter/F3 (+1) and Shift+Enter/Shift+F3 (−1): the next hit in the list's order, across pages and documents. */
  async step(dir: 1 | -1): Promise<void> {
    const order = this.order;
    if (order.length === 0) return;
    const ahead = this.current < 0 && this.next !== null ? order.indexOf(this.next) : -1;
    // The hit shown left the list: Enter goes to the hit that followed it, Shift+Enter to the one before that.
    if (ahead >= 0) return this.show(order[dir > 0 ? ahead : (ahead - 1 + order.length) % order.length]);
    const at = order.indexOf(this.current);
    const next = at < 0 ? (dir > 0 ? 0 : order.length - 1) : (at + dir + order.length) % order.length;
    await this.show(order[next]);
  }

  /** Loads every hit on the open page (a query limited to its document), for the page's hit layer and the text's highlights. */
  async loadPageHits(document: string | null, page: number): Promise<void> {
    const ticket = ++this.pageTicket;
    if (!document || !this.active || this.blocked) {
      this.pageHits = [];
      return;
    }
    try {
      const r = await this.deps.query(this.params({ document, limit: PAGE_HIT_LIMIT }));
      if (ticket === this.pageTicket) this.pageHits = r.hits.filter((h) => h.page === page);
    } catch (err) {
      if (ticket === this.pageTicket) this.deps.fail(err);
    }
  }

  /** The hit being shown, if it is on this page. */
  currentOn(document: string | null, page: number): SearchHit | null {
    const hit = this.result?.hits[this.current];
    return hit && hit.document === document && hit.page === page ? hit : null;
  }
}
