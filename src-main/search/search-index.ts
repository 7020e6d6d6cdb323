import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { join } from 'node:path';
import { openIndexFile } from './open-index-file.ts';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { fold, foldWithMap } from '../../core/search/fold.ts';
import { indexTerms } from '../../core/search/index-terms.ts';
import { compileQuery, ftsExpression, verifyText, type Expansions } from '../../core/search/match.ts';
import { parseQuery, withVariants, type Query } from '../../core/search/query.ts';
import type { HitLayer, SearchHit } from '../../core/search/search-model.ts';
import { makeSnippet, toOriginalRanges, type Range } from '../../core/search/snippet.ts';

/**
 * The archive's full-text index: its own SQLite file in the library folder
 * (search.sqlite), separate from library.sqlite so it can be thrown away and
 * rebuilt from the library at any time without touching what the archivist owns.
 *
 * Why this shape (bench/search.bench.ts prints the numbers): MiniSearch over
 * the whole archive took ~60 s and ~300 MB to index 1,000 Chinese pages and
 * could not be serialized at a few million characters; SQLite FTS5 indexes
 * the same text in seconds, on disk, and opens instantly. So FTS5 stores the
 * PRE-TOKENIZED terms of every block (CJK character pairs and folded words,
 * index-terms.ts): a two-character word is one FTS5 token and a longer CJK
 * phrase is an FTS5 phrase of consecutive pairs, exact where the trigram
 * tokenizer cannot answer two-character queries at all. FTS5 finds the
 * candidate blocks and counts them; each hit is then verified against the
 * block's folded text (match.ts), and MiniSearch ranks the candidates
 * (prefix and fuzzy scoring, exact above fuzzy) and expands misspelt Latin
 * words through a radix tree of the indexed vocabulary (its SearchableMap).
 *
 * Block text lives here too, so a query never parses page JSON from the library.
 */

/** 2: a corrected page's uncorrected blocks are no longer in the corrected layer (indexes made by 1 rebuild once). */
export const SEARCH_SCHEMA_VERSION = 2;
export const SEARCH_FILE = 'search.sqlite';

/** docs.pages of a document whose pages are indexed while it imports (streamPages): not searched yet. */
const IMPORTING = -2;

export type IndexLayer = 'cleaned' | 'corrected';

export interface IndexBlock {
  id: string;
  kind: string;
  text: string;
  /** This block's layer when it differs from the page's (a corrected page: only its corrected blocks are 'corrected'). */
  layer?: IndexLayer;
}

export interface IndexPageInput {
  number: number;
  blocks: readonly IndexBlock[];
  /** The page's raw text (rawText(items)); indexed for `raw: true` searches. */
  raw: string;
}

export interface SearchOptions {
  raw?: boolean;
  limit?: number;
  offset?: number;
  /** Only these documents (already resolved from newspaper/date filters); undefined = all. */
  documents?: readonly string[];
  kinds?: readonly string[];
  /** Other written forms of a CJK term (simplified ↔ traditional), matched as alternatives. */
  variants?: (text: string) => string[];
}

export interface IndexSearchResult {
  total: number;
  hits: SearchHit[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pages INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
  rowid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL,
  page INTEGER NOT NULL,
  block TEXT,
  layer TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS blocks_by_page ON blocks (doc, page);
CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(body, content='', contentless_delete=1, tokenize='ascii', detail=full);
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(terms, 'row');
`;

/** Creates a current index in an empty database (inside the caller's write transaction). */
export function createSearchSchema(db: DatabaseSync): void {
  db.exec(SCHEMA);
  // FTS5 merges its segments as it goes, by default once 4 share a level; at 16 the same merging
  // happens in fewer, larger steps: indexing 400 generated pages took 2.0 s of CPU instead of 2.5 s, and
  // queries read a few more segments without a measurable cost (bench:search). Set once; it is stored
  // with the index, and an index made before keeps its own setting.
  db.exec("INSERT INTO terms (terms, rank) VALUES ('automerge', 16)");
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema', String(SEARCH_SCHEMA_VERSION));
}

/** Candidates MiniSearch ranks per query; FTS5 supplies them newest first and counts the rest. */
const RANKED_CANDIDATES = 100;
const MAX_EXPANSIONS = 24;

export class SearchIndex {
  readonly path: string;
  /** Why the index was (re)created on open: null when an existing, current index was opened. */
  readonly resetReason: 'new' | 'outdated' | 'damaged' | null;
  private db: DatabaseSync;
  private readonly stmts: Record<string, StatementSync> = {};
  private vocabulary: SearchableMap<number> | null = null;

  constructor(dir: string) {
    this.path = join(dir, SEARCH_FILE);
    // Several processes may open (and create) one library's index at once: open-index-file.ts says how that stays safe.
    const { db, reason } = openIndexFile(this.path, {
      expected: SEARCH_SCHEMA_VERSION,
      version: (d) => SearchIndex.version(d),
      create: createSearchSchema,
    });
    // Indexes made before the automerge setting existed get it once, as a new one does.
    if (!db.prepare("SELECT 1 FROM terms_config WHERE k = 'automerge'").get()) db.exec("INSERT INTO terms (terms, rank) VALUES ('automerge', 16)");
    this.db = db;
    this.resetReason = reason;
  }

  private static version(db: DatabaseSync): number | null {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    if (!hasMeta) return null;
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
    return row ? Number(row.value) : null;
  }

  close(): void {
    this.db.close();
  }

  private stmt(sql: string): StatementSync {
    return (this.stmts[sql] ??= this.db.prepare(sql));
  }

  /** The library stamp (SearchService.libraryStamp) the index was last brought up to date with, if nothing changed it since. */
  matchedLibrary(): string | null {
    const row = this.stmt("SELECT value FROM meta WHERE key = 'library'").get() as { value: string } | undefined;
    return row ? row.value : null;
  }

  setMatchedLibrary(stamp: string): void {
    this.stmt("INSERT OR REPLACE INTO meta (key, value) VALUES ('library', ?)").run(stamp);
  }

  /** Any change to which documents are indexed forgets the stamp, in the transaction that makes it: a crash part-way never looks up to date. */
  private forgetMatchedLibrary(): void {
    this.stmt("DELETE FROM meta WHERE key = 'library'").run();
  }

  /** Indexed documents and their page counts: what the service compares with the library. */
  documents(): Map<string, number> {
    const rows = this.stmt('SELECT id, pages FROM docs').all() as Array<{ id: string; pages: number }>;
    return new Map(rows.map((r) => [r.id, r.pages]));
  }

  private docNumber(id: string): number | null {
    const row = this.stmt('SELECT n FROM docs WHERE id = ?').get(id) as { n: number } | undefined;
    return row ? row.n : null;
  }

  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private deleteRows(doc: number, page: number | null, layers: readonly HitLayer[]): void {
    const where = `doc = ?${page === null ? '' : ' AND page = ?'} AND layer IN (${layers.map(() => '?').join(',')})`;
    const args = page === null ? [doc, ...layers] : [doc, page, ...layers];
    if (layers.some((l) => l !== 'raw')) this.stmt(`DELETE FROM terms WHERE rowid IN (SELECT rowid FROM blocks WHERE ${where} AND layer != 'raw')`).run(...args);
    this.stmt(`DELETE FROM blocks WHERE ${where}`).run(...args);
  }

  private insertBlock(doc: number, page: number, block: string | null, layer: HitLayer, kind: string, text: string): void {
    const { lastInsertRowid } = this.stmt('INSERT INTO blocks (doc, page, block, layer, kind, text) VALUES (?, ?, ?, ?, ?, ?)').run(
      doc,
      page,
      block,
      layer,
      kind,
      text,
    );
    // The raw layer is kept as text and scanned (see searchRaw): indexing it too doubled the cost of every import.
    if (layer === 'raw') return;
    const terms = indexTerms(fold(text));
    this.stmt('INSERT INTO terms (rowid, body) VALUES (?, ?)').run(lastInsertRowid, terms);
    if (this.vocabulary) for (const t of terms.split(' ')) if (t && t < '\u3000') this.vocabulary.set(t, (this.vocabulary.get(t) ?? 0) + 1);
  }

  private insertPage(doc: number, page: IndexPageInput, layer: IndexLayer): void {
    for (const b of page.blocks) if (b.text) this.insertBlock(doc, page.number, b.id, b.layer ?? layer, b.kind, b.text);
    if (page.raw) this.insertBlock(doc, page.number, null, 'raw', 'raw', page.raw);
  }

  /** Indexes (or re-indexes) a whole document in one transaction: a crash leaves it either fully indexed or absent. */
  indexDocument(id: string, pages: Iterable<IndexPageInput>, pageCount: number): void {
    for (const _ of this.indexDocumentSteps(id, pages, pageCount, Infinity)) {
      // One slice: nothing to yield to.
    }
  }

  /**
   * Indexes a document in time slices for background work: each slice is a
   * transaction of about `sliceMs`, and the generator yields between slices
   * so the caller can let the event loop run (searches keep answering). The
   * document is recorded with page count -1 until its last slice commits, so
   * a crash part-way leaves it marked incomplete, and the next catch-up
   * indexes it again from scratch.
   */
  *indexDocumentSteps(id: string, pages: Iterable<IndexPageInput>, pageCount: number, sliceMs = 40): Generator<void> {
    yield* this.insertInSlices(id, pages, pageCount, sliceMs, () => {
      const old = this.docNumber(id);
      if (old !== null) this.deleteRows(old, null, ['cleaned', 'corrected', 'raw']);
      this.stmt('INSERT INTO docs (id, pages) VALUES (?, -1) ON CONFLICT(id) DO UPDATE SET pages = -1').run(id);
      return this.docNumber(id)!;
    });
  }

  /**
   * The slicing both indexDocumentSteps and finishStreamedSteps use: the
   * first transaction runs `start` (which names the document's row), then
   * each slice inserts pages for about `sliceMs` and commits before it
   * yields; the last records the page count.
   */
  private *insertInSlices(id: string, pages: Iterable<IndexPageInput>, pageCount: number, sliceMs: number, start: () => number): Generator<void> {
    this.db.exec('BEGIN IMMEDIATE');
    let open = true;
    try {
      this.forgetMatchedLibrary();
      const n = start();
      let sliceStart = performance.now();
      for (const page of pages) {
        this.insertPage(n, page, 'cleaned');
        if (performance.now() - sliceStart > sliceMs) {
          this.db.exec('COMMIT');
          open = false;
          yield;
          // Removed (or re-indexed) while we were away: stop, whoever did that owns it now.
          if (this.docNumber(id) !== n) return;
          this.db.exec('BEGIN IMMEDIATE');
          open = true;
          sliceStart = performance.now();
        }
      }
      this.stmt('UPDATE docs SET pages = ? WHERE n = ?').run(pageCount, n);
      this.db.exec('COMMIT');
      open = false;
    } finally {
      if (open) this.db.exec('ROLLBACK');
    }
  }

  /** Documents whose pages this index is taking as they are imported (streamPages), not yet finished. */
  private readonly streaming = new Set<string>();

  /**
   * Indexes a batch of pages of a document still being imported, in one
   * transaction. The document stays recorded with page count IMPORTING
   * until finishStreamedSteps: searches leave it out (it is not in the
   * library yet), and a catch-up indexes it again from the library if no
   * process finishes it. Its first batch clears whatever an older index held
   * under the same id.
   */
  streamPages(id: string, pages: readonly IndexPageInput[]): void {
    this.transaction(() => {
      this.forgetMatchedLibrary();
      let n = this.docNumber(id);
      if (!this.streaming.has(id) || n === null) {
        if (n !== null) this.deleteRows(n, null, ['cleaned', 'corrected', 'raw']);
        this.stmt('INSERT INTO docs (id, pages) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET pages = excluded.pages').run(id, IMPORTING);
        n = this.docNumber(id)!;
        this.streaming.add(id);
      }
      for (const page of pages) this.insertPage(n, page, 'cleaned');
    });
  }

  /** True when streamPages took pages of this document and it is not finished yet. */
  isStreaming(id: string): boolean {
    return this.streaming.has(id) && this.docNumber(id) !== null;
  }

  /** Whatever was streamed of this document will be replaced whole (indexDocumentSteps deletes its rows first). */
  endStreaming(id: string): void {
    this.streaming.delete(id);
  }

  /** An import that streamed its pages failed: its rows go. */
  dropStreamed(id: string): void {
    if (!this.streaming.delete(id)) return;
    this.removeDocument(id);
  }

  /**
   * Completes a streamed document with the pages it had not sent yet, in
   * slices as indexDocumentSteps; then records its page count.
   */
  *finishStreamedSteps(id: string, rest: Iterable<IndexPageInput>, pageCount: number, sliceMs = 40): Generator<void> {
    const n = this.docNumber(id);
    if (n === null || !this.streaming.delete(id)) throw new Error(`document ${id.slice(0, 12)}… was not streamed to the search index`);
    yield* this.insertInSlices(id, rest, pageCount, sliceMs, () => n);
  }


  /**
   * Re-indexes one page's searchable text: its cleaned blocks, or the
   * corrected text of its blocks once an archivist has corrected them
   * (`layer: 'corrected'`; hits then say so). A block's own `layer` wins over
   * `opts.layer`, so a page with one corrected block keeps the others cleaned. The raw layer is replaced only
   * when `raw` is given. The document must already be indexed.
   */
  indexPage(id: string, page: number, blocks: readonly IndexBlock[], opts: { layer: IndexLayer; raw?: string }): void {
    this.transaction(() => {
      const n = this.docNumber(id);
      if (n === null) throw new Error(`document ${id.slice(0, 12)}… is not in the search index`);
      this.deleteRows(n, page, opts.raw === undefined ? ['cleaned', 'corrected'] : ['cleaned', 'corrected', 'raw']);
      this.insertPage(n, { number: page, blocks, raw: opts.raw ?? '' }, opts.layer);
    });
  }

  removeDocument(id: string): void {
    this.transaction(() => {
      const n = this.docNumber(id);
      if (n === null) return;
      this.forgetMatchedLibrary();
      this.deleteRows(n, null, ['cleaned', 'corrected', 'raw']);
      this.stmt('DELETE FROM docs WHERE n = ?').run(n);
    });
  }

  /** Misspelt Latin words the index holds near each expandable query word (OCR errors). */
  private expansions(q: Query): Expansions {
    const out = new Map<string, string[]>();
    for (const t of [...q.groups.flat()]) {
      if (!t.expandable || t.text.length < 4 || out.has(t.text)) continue;
      const vocab = this.vocab();
      const distance = t.text.length >= 8 ? 2 : 1;
      const near = [...vocab.fuzzyGet(t.text, distance)]
        .filter(([term, [, d]]) => d > 0 && term !== t.text)
        .sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0])
        .slice(0, MAX_EXPANSIONS)
        .map(([term]) => term);
      out.set(t.text, near);
    }
    return out;
  }

  /**
   * Another connection (the index's worker thread, search-index-thread.ts) wrote to the index: the vocabulary this
   * one keeps current by its own inserts is read again from the index at the next query that needs it.
   */
  forgetVocabulary(): void {
    this.vocabulary = null;
  }

  /** The Latin (and other non-CJK) vocabulary of the cleaned layer, built on first need and kept current by inserts. */
  private vocab(): SearchableMap<number> {
    if (this.vocabulary) return this.vocabulary;
    const map = new SearchableMap<number>();
    // Terms sort by code point: everything below U+3000 is non-CJK.
    const rows = this.db.prepare("SELECT term, doc FROM vocab WHERE term < '\u3000'").all() as Array<{ term: string; doc: number }>;
    for (const r of rows) map.set(r.term, r.doc);
    return (this.vocabulary = map);
  }

  /** Documents still importing (streamPages, in any process), as a JSON array of their numbers; null when there are none. */
  private importing(): string | null {
    const rows = this.stmt('SELECT n FROM docs WHERE pages = ?').all(IMPORTING) as Array<{ n: number }>;
    return rows.length ? JSON.stringify(rows.map((r) => r.n)) : null;
  }

  private docFilter(opts: SearchOptions): string | null {
    if (!opts.documents) return null;
    return JSON.stringify(opts.documents.map((d) => this.docNumber(d)).filter((n): n is number => n !== null));
  }

  search(input: string, opts: SearchOptions = {}): IndexSearchResult {
    const found = this.find(input, opts);
    if (!found) return { total: 0, hits: [] };
    return this.finish(found.query, found.expansions, found.ids, found.total, opts.offset ?? 0, opts.limit ?? 20);
  }

  /**
   * search(input, opts).total without the hits: the same candidates and the
   * same verification of them, but no ranking, snippets or offset maps. For
   * "the other written form is found in N blocks", asked after a query found
   * nothing.
   */
  count(input: string, opts: SearchOptions = {}): number {
    const found = this.find(input, opts);
    if (!found) return 0;
    const all = compileQuery(found.query, { expansions: found.expansions });
    let verified = 0;
    let failed = 0;
    for (const text of this.texts(found.ids)) {
      if (verifyText(all, fold(text))) verified++;
      else failed++;
    }
    // As finish counts: FTS5's (or SQLite's) count less the candidates the verifier turned down.
    return Math.max(found.total - failed, verified);
  }

  /** The parsed query, its expansions, how many blocks SQLite counts and the candidates to verify (null: nothing to search for). */
  private find(input: string, opts: SearchOptions): { query: Query; expansions: Expansions; total: number; ids: number[] } | null {
    const parsed = parseQuery(input);
    const query = opts.variants ? withVariants(parsed, opts.variants) : parsed;
    if (query.groups.length === 0) return null;
    const limit = opts.limit ?? 20;
    const offset = opts.offset ?? 0;
    // Raw pages are long and unranked (newest first): verify only the ones returned.
    const want = opts.raw ? offset + limit : Math.max(RANKED_CANDIDATES, offset + limit);
    const expansions: Expansions = opts.raw ? new Map() : this.expansions(query);
    const { total, ids } = opts.raw ? this.rawCandidates(query, opts, want) : this.candidates(query, expansions, opts, want);
    return { query, expansions, total, ids };
  }

  /** FTS5 finds and counts the matching blocks; the newest `want` go on to verification and ranking. */
  private candidates(query: Query, expansions: Expansions, opts: SearchOptions, want: number): { total: number; ids: number[] } {
    const expr = ftsExpression(query, { expansions })!;
    const where: string[] = ['terms MATCH ?'];
    const args: Array<string | number> = [expr];
    const docs = this.docFilter(opts);
    if (docs) {
      where.push('b.doc IN (SELECT value FROM json_each(?))');
      args.push(docs);
    }
    const importing = this.importing();
    if (importing) {
      where.push('b.doc NOT IN (SELECT value FROM json_each(?))');
      args.push(importing);
    }
    if (opts.kinds?.length) {
      where.push('b.kind IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(opts.kinds));
    }
    const from = where.length > 1 ? 'terms JOIN blocks b ON b.rowid = terms.rowid' : 'terms';
    const whereSql = where.join(' AND ');
    const total = (this.stmt(`SELECT count(*) AS n FROM ${from} WHERE ${whereSql}`).get(...args) as { n: number }).n;
    const ids = (this.stmt(`SELECT terms.rowid AS id FROM ${from} WHERE ${whereSql} ORDER BY terms.rowid DESC LIMIT ?`).all(...args, want) as Array<{ id: number }>).map(
      (r) => r.id,
    );
    return { total, ids };
  }

  /**
   * The raw layer is scanned, not indexed: SQLite narrows the pages to those
   * containing each group's words (LIKE, case-insensitive for ASCII), and the
   * verifier checks the folded text of those it returns. `total` counts the
   * pages SQLite found.
   */
  private rawCandidates(query: Query, opts: SearchOptions, want: number): { total: number; ids: number[] } {
    const where: string[] = ["layer = 'raw'"];
    const args: Array<string | number> = [];
    const docs = this.docFilter(opts);
    if (docs) {
      where.push('doc IN (SELECT value FROM json_each(?))');
      args.push(docs);
    }
    const importing = this.importing();
    if (importing) {
      where.push('doc NOT IN (SELECT value FROM json_each(?))');
      args.push(importing);
    }
    for (const group of query.groups) {
      where.push(`(${group.map(() => "text LIKE ? ESCAPE '\\'").join(' OR ')})`);
      for (const t of group) {
        const longest = t.segments.reduce((a, b) => (b.text.length > a.text.length ? b : a)).text;
        args.push(`%${longest.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      }
    }
    const whereSql = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM blocks WHERE ${whereSql}`).get(...args) as { n: number }).n;
    const ids = (this.db.prepare(`SELECT rowid AS id FROM blocks WHERE ${whereSql} ORDER BY rowid DESC LIMIT ?`).all(...args, want) as Array<{ id: number }>).map((r) => r.id);
    return { total, ids };
  }

  private finish(query: Query, expansions: Expansions, ids: number[], total: number, offset: number, limit: number): IndexSearchResult {

    const all = compileQuery(query, { expansions });
    // Without prefix or fuzzy alternatives every verified block is an exact hit.
    const expandable = query.groups.some((g) => g.some((t) => t.expandable));
    const exact = expandable ? compileQuery(query, { prefixFrom: Infinity }) : null;
    const rows = this.rows(ids);
    type Candidate = { row: BlockRow; folded: string; ranges: Range[]; exact: boolean; score: number };
    const candidates: Candidate[] = [];
    for (const row of rows) {
      const folded = fold(row.text);
      const ranges = verifyText(all, folded);
      if (!ranges) {
        // FTS5 and the verifier disagree: the block does not count as a hit.
        total--;
        continue;
      }
      candidates.push({ row, folded, ranges, exact: exact === null || verifyText(exact, folded) !== null, score: 0 });
    }
    this.rank(query, expansions, candidates);
    candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || b.row.rowid - a.row.rowid);

    const docIds = new Map<number, string>();
    const docId = (n: number) => {
      let id = docIds.get(n);
      if (!id) docIds.set(n, (id = (this.stmt('SELECT id FROM docs WHERE n = ?').get(n) as { id: string }).id));
      return id;
    };
    const hits = candidates.slice(offset, offset + limit).map((c): SearchHit => {
      // fold() and foldWithMap() give the same text; only returned hits need the offset map.
      const ranges = toOriginalRanges(c.ranges, foldWithMap(c.row.text).map, c.row.text);
      const snippet = makeSnippet(c.row.text, ranges);
      return {
        document: docId(c.row.doc),
        page: c.row.page,
        block: c.row.block,
        layer: c.row.layer,
        kind: c.row.kind,
        snippet: snippet.text,
        marks: snippet.marks,
        ranges,
        exact: c.exact,
        score: Math.round(c.score * 1000) / 1000,
      };
    });
    return { total: Math.max(total, candidates.length), hits };
  }

  /**
   * MiniSearch scores the verified candidates: BM25 over term frequency and
   * block length, with prefix and fuzzy matches weighted below exact ones.
   * Only terms that can match the query enter its radix tree (processTerm
   * drops the rest; MiniSearch still counts every term in the block's
   * length): a tree of every CJK pair of 200 blocks cost 50–150 ms a query.
   */
  private rank(query: Query, expansions: Expansions, candidates: Array<{ folded: string; score: number }>): void {
    if (candidates.length < 2) return;
    const terms = query.groups.flat();
    const exactTerms = new Set(terms.flatMap((t) => indexTerms(t.text).split(' ')));
    const prefixes = terms.filter((t) => t.expandable && t.text.length >= 3).map((t) => t.text);
    for (const list of expansions.values()) for (const e of list) exactTerms.add(e);
    const relevant = (term: string) => exactTerms.has(term) || prefixes.some((p) => term.startsWith(p));
    const ms = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      // The index's own terms (table-driven, no per-character regular expressions): CJK pairs and words.
      tokenize: (text) => indexTerms(text).split(' '),
      processTerm: (term) => (relevant(term) ? term : null),
      searchOptions: { processTerm: (term) => term },
    });
    ms.addAll(candidates.map((c, id) => ({ id, text: c.folded })));
    const results = ms.search(
      { combineWith: 'OR', queries: terms.map((t) => t.text) },
      {
        prefix: (term) => /^[^\u3000-\uffff]{3,}$/u.test(term),
        fuzzy: (term) => (/^[^\u3000-\uffff]{4,}$/u.test(term) ? 0.2 : false),
      },
    );
    for (const r of results) candidates[r.id as number].score = r.score;
  }

  private texts(ids: number[]): string[] {
    if (ids.length === 0) return [];
    const rows = this.stmt('SELECT text FROM blocks WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{ text: string }>;
    return rows.map((r) => r.text);
  }

  private rows(ids: number[]): BlockRow[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare('SELECT rowid, doc, page, block, layer, kind, text FROM blocks WHERE rowid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as unknown as BlockRow[];
  }

  /** Block text and kind of one indexed page (what a hit was matched against). */
  pageBlocks(id: string, page: number): BlockRow[] {
    const n = this.docNumber(id);
    if (n === null) return [];
    return this.stmt('SELECT rowid, doc, page, block, layer, kind, text FROM blocks WHERE doc = ? AND page = ?').all(n, page) as unknown as BlockRow[];
  }

  /** Bytes on disk (database and write-ahead log). */
  sizeOnDisk(): number {
    const row = this.db.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number };
    return row.n;
  }
}

interface BlockRow {
  rowid: number;
  doc: number;
  page: number;
  block: string | null;
  layer: HitLayer;
  kind: string;
  text: string;
}
