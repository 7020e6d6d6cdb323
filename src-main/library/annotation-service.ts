import { randomUUID } from 'node:crypto';
import { MAX_TARGETS, annotationSchema, normalizeTags, viewRectOf, type Annotation, type AnnotationTarget, type AnnotationView, type Colour } from '../../core/annotations/annotation.ts';
import { rangesInArea, resolveTarget, textAnchor, trimRange } from '../../core/annotations/anchor.ts';
import { samePart, type Article, type ArticlePart, type ArticleText } from '../../core/annotations/article.ts';
import { annotationsCsv, articleMarkdown, articlePlainText } from '../../core/annotations/export-text.ts';
import type { AnnotationList, BlockHistory, ImportReport, NewTarget } from '../../core/annotations/requests.ts';
import { readW3CFile, toW3CCollection } from '../../core/annotations/w3c.ts';
import { correctBlocks } from '../../core/corrections/correct-block.ts';
import type { Block, PageModel } from '../../core/page-model.ts';
import { pageText, rangeRects } from '../../core/page-text.ts';
import { newspaperIndex, newspaperMatcher } from '../../core/newspaper-titles.ts';
import { correctionProblem } from '../../core/corrections/correction-text.ts';
import { AnnotationStore } from './annotation-store.ts';
import { ArticleStore } from './article-store.ts';
import { CorrectionStore } from './correction-store.ts';
import type { LibraryStore } from './library-store.ts';

/**
 * What the archivist adds to the library: annotations, corrections and
 * articles, over the pages LibraryStore holds. Shared by the contract
 * handlers and the CLI, so both read, validate and write the same way.
 */
export class AnnotationService {
  readonly annotations: AnnotationStore;
  readonly corrections: CorrectionStore;
  readonly articles: ArticleStore;

  private readonly store: LibraryStore;

  constructor(store: LibraryStore) {
    this.store = store;
    this.annotations = new AnnotationStore(store.db);
    this.corrections = new CorrectionStore(store.db);
    this.articles = new ArticleStore(store.db);
  }

  private requireDoc(id: string) {
    const doc = this.store.get(id);
    if (!doc) throw new Error(`no document ${id.slice(0, 12)}… in this library`);
    return doc;
  }

  /**
   * Stored pages never change (the raw and cleaned layers are written once),
   * so the last few parsed ones are kept: parsing a scan's page (11 000 raw
   * items) costs tens of ms, and making one annotation reads its page twice.
   */
  private readonly recent = new Map<string, PageModel | null>();
  private storedPage(docId: string, n: number): PageModel | null {
    const key = `${docId}:${n}`;
    if (this.recent.has(key)) {
      const hit = this.recent.get(key)!;
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit;
    }
    const model = this.store.page(docId, n);
    if (model) this.recent.set(key, model);
    while (this.recent.size > 4) this.recent.delete(this.recent.keys().next().value!);
    return model;
  }

  /** The page as the reader shows it: cleaned blocks with the latest corrections applied. */
  page(docId: string, n: number): PageModel | null {
    if (!this.store.has(docId)) return null;
    const model = this.storedPage(docId, n);
    if (!model) return null;
    const latest = this.corrections.latest(docId, n);
    return latest.size ? { ...model, blocks: correctBlocks(model.blocks, latest) } : model;
  }

  private requirePage(docId: string, n: number): PageModel {
    const doc = this.requireDoc(docId);
    if (n > doc.pageCount) throw new Error(`page ${n} is past the last page of ${doc.fileName} (${doc.pageCount})`);
    const model = this.page(docId, n);
    if (!model) throw new Error(`page ${n} of ${doc.fileName} is missing`);
    return model;
  }

  // ---- annotations ---------------------------------------------------------

  private viewer() {
    const pages = new Map<string, PageModel | null>();
    const docs = new Map<string, ReturnType<LibraryStore['get']>>();
    return (a: Annotation): AnnotationView => {
      const resolved = a.targets.map((t) => {
        const key = `${t.docId}:${t.page}`;
        if (!pages.has(key)) pages.set(key, this.page(t.docId, t.page));
        const model = pages.get(key);
        return model ? resolveTarget(t, model.items, model.blocks) : { status: 'orphan' as const, start: null, end: null, quote: null, rects: [] };
      });
      const id = a.targets[0].docId;
      if (!docs.has(id)) docs.set(id, this.store.get(id));
      const doc = docs.get(id);
      return { ...a, resolved, orphan: resolved.some((r) => r.status === 'orphan'), newspaper: doc?.newspaper ?? '', date: doc?.date ?? '', fileName: doc?.fileName ?? '' };
    };
  }

  view(a: Annotation): AnnotationView {
    return this.viewer()(a);
  }

  list(filter: { docId?: string; page?: number; tag?: string; colour?: Colour; newspaper?: string } = {}): AnnotationList {
    const view = this.viewer();
    let scope = this.annotations.list({ docId: filter.docId, page: filter.page }).map(view);
    if (filter.newspaper) {
      // The Newspaper filter names a title: every spelling of it (core/newspaper-titles.ts).
      const docs = this.store.list();
      const ids = new Set(docs.filter(newspaperMatcher(docs, filter.newspaper)).map((d) => d.id));
      scope = scope.filter((a) => ids.has(a.targets[0].docId));
    }
    if (filter.colour) scope = scope.filter((a) => a.colour === filter.colour);
    const tagCounts: Record<string, number> = {};
    for (const a of scope) for (const t of a.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
    const items = filter.tag ? scope.filter((a) => a.tags.includes(filter.tag!)) : scope;
    return { items, tagCounts, orphans: items.filter((a) => a.orphan).length };
  }

  /**
   * A range becomes one target. An area becomes the area itself (a target
   * with only its viewrect: the W3C FragmentSelector of what was drawn), then
   * one target per stretch of text inside it, each with its quote and its own
   * characters' box — so an area across a column gutter holds the two
   * columns' pieces, never the text between them in reading order.
   */
  private buildTargets(t: NewTarget): AnnotationTarget[] {
    const model = this.requirePage(t.docId, t.page);
    const text = pageText(model.blocks);
    if ('area' in t) {
      const [x0, y0, x1, y1] = t.area;
      const area = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)] as const;
      if (area[2] - area[0] < 1 || area[3] - area[1] < 1) throw new Error('the area is empty');
      const ranges = rangesInArea(model.items, model.blocks, area);
      if (ranges.length >= MAX_TARGETS) throw new Error(`the area holds ${ranges.length} separate stretches of text (at most ${MAX_TARGETS - 1}): draw a smaller one`);
      return [
        { docId: t.docId, page: t.page, text: null, viewrect: viewRectOf([[...area]]) },
        ...ranges.map((r) => ({ docId: t.docId, page: t.page, text: textAnchor(text, r.start, r.end), viewrect: viewRectOf(rangeRects(model.items, model.blocks, r.start, r.end)) })),
      ];
    }
    if (t.end > text.length || t.start >= t.end) throw new Error(`range ${t.start}–${t.end} is outside the page text (${text.length} characters)`);
    if (!text.slice(t.start, t.end).trim()) throw new Error('the selection holds no text');
    const { start, end } = trimRange(text, t.start, t.end);
    return [{ docId: t.docId, page: t.page, text: textAnchor(text, start, end), viewrect: viewRectOf(rangeRects(model.items, model.blocks, start, end)) }];
  }

  private fresh(targets: AnnotationTarget[], body: { note: string; tags: string[]; colour: Colour }, author: string): Annotation {
    const now = new Date().toISOString();
    return annotationSchema.parse({ id: randomUUID(), targets, note: body.note, tags: normalizeTags(body.tags), colour: body.colour, creator: author, created: now, modified: now });
  }

  create(targets: NewTarget[], body: { note: string; tags: string[]; colour: Colour }, author: string): AnnotationView {
    const a = this.fresh(targets.flatMap((t) => this.buildTargets(t)), body, author);
    this.annotations.put(a);
    return this.view(a);
  }

  /** An annotation on a whole article: one target per block, each its whole text. */
  createForArticle(articleId: string, body: { note: string; tags: string[]; colour: Colour }, author: string): AnnotationView {
    const article = this.requireArticle(articleId);
    const targets = article.parts.flatMap((p) => {
      const model = this.requirePage(p.docId, p.page);
      const i = model.blocks.findIndex((b) => b.id === p.blockId);
      if (i < 0) throw new Error(`article "${article.title}": block ${p.blockId} is not on page ${p.page}`);
      const start = pageText(model.blocks.slice(0, i)).length + (i > 0 ? 1 : 0);
      return this.buildTargets({ docId: p.docId, page: p.page, start, end: start + model.blocks[i].text.length });
    });
    const a = this.fresh(targets, body, author);
    this.annotations.put(a);
    return this.view(a);
  }

  update(id: string, patch: { note?: string; tags?: string[]; colour?: Colour }): AnnotationView {
    const held = this.annotations.get(id);
    if (!held) throw new Error(`no annotation ${id}`);
    const next: Annotation = {
      ...held,
      note: patch.note ?? held.note,
      tags: patch.tags ? normalizeTags(patch.tags) : held.tags,
      colour: patch.colour ?? held.colour,
      modified: new Date().toISOString(),
    };
    this.annotations.put(annotationSchema.parse(next));
    return this.view(next);
  }

  delete(id: string): Annotation {
    const gone = this.annotations.delete(id);
    if (!gone) throw new Error(`no annotation ${id}`);
    return gone;
  }

  restore(a: Annotation): AnnotationView {
    for (const t of a.targets) this.requireDoc(t.docId);
    this.annotations.put(a);
    return this.view(a);
  }

  exportW3C(docId?: string): string {
    return JSON.stringify(toW3CCollection(this.annotations.list({ docId })), null, 2) + '\n';
  }

  exportCsv(docId?: string): string {
    // One name per newspaper title, as the app and `list` show it; each page's own spelling in its own column.
    const all = this.store.list();
    const titles = newspaperIndex(all);
    const docs = new Map(all.map((d) => [d.id, { fileName: d.fileName, date: d.date, newspaper: titles.nameOf(d) || d.newspaper, pageNewspaper: d.newspaper }]));
    return annotationsCsv(this.annotations.list({ docId }), docs);
  }

  /**
   * Validates every annotation (shape, and that each target names a page this
   * library holds), reports the bad ones by index and imports the rest in one
   * transaction. A file that is not annotations at all throws and changes nothing.
   */
  importW3C(text: string): ImportReport {
    const read = readW3CFile(text);
    const errors = [...read.errors];
    const good: Annotation[] = [];
    for (const { index, annotation } of read.annotations) {
      const bad = annotation.targets
        .map((t, i) => {
          const doc = this.store.get(t.docId);
          if (!doc) return `target[${i}]: unknown document urn:sha256:${t.docId} (not in this library)`;
          if (t.page > doc.pageCount) return `target[${i}]: page ${t.page} is past the last page of ${doc.fileName} (${doc.pageCount})`;
          return null;
        })
        .find((e) => e !== null);
      if (bad) errors.push({ index, error: bad });
      else good.push(annotation);
    }
    errors.sort((a, b) => a.index - b.index);
    return { ...this.annotations.merge(good), errors };
  }

  // ---- corrections ---------------------------------------------------------

  history(docId: string, page: number, blockId: string): BlockHistory {
    const original = this.storedPage(docId, page)?.blocks.find((b) => b.id === blockId);
    if (!original) throw new Error(`no block ${blockId} on page ${page}`);
    const versions = this.corrections.history(docId, page, blockId);
    return { docId, page, blockId, original: original.text, versions, current: versions.at(-1)?.text ?? original.text };
  }

  private correctedBlock(docId: string, page: number, blockId: string): Block {
    return this.page(docId, page)!.blocks.find((b) => b.id === blockId)!;
  }

  correct(docId: string, page: number, blockId: string, text: string, reason: string, author: string): { block: Block; history: BlockHistory } {
    this.requirePage(docId, page);
    const before = this.history(docId, page, blockId);
    const problem = correctionProblem(before.current, text);
    if (problem) throw new Error(problem);
    this.corrections.add({ docId, page, blockId, text, author, reason });
    return { block: this.correctedBlock(docId, page, blockId), history: this.history(docId, page, blockId) };
  }

  revert(docId: string, page: number, blockId: string, toVersion: number, reason: string, author: string) {
    const h = this.history(docId, page, blockId);
    if (toVersion > h.versions.length) throw new Error(`block ${blockId} has no version ${toVersion} (latest is ${h.versions.length})`);
    const text = toVersion === 0 ? h.original : h.versions[toVersion - 1].text;
    if (text === h.current) throw new Error(`version ${toVersion} is already the current text`);
    this.corrections.add({ docId, page, blockId, text, author, reason: reason || `reverted to version ${toVersion}` });
    return { block: this.correctedBlock(docId, page, blockId), history: this.history(docId, page, blockId) };
  }

  /** The whole document as text: each page's blocks joined by "\n", pages separated by a form feed. */
  documentText(id: string, layer: 'cleaned' | 'corrected'): { fileName: string; mediaType: string; text: string } {
    const doc = this.requireDoc(id);
    const pages: string[] = [];
    for (let n = 1; n <= doc.pageCount; n++) {
      const model = layer === 'corrected' ? this.page(id, n) : this.storedPage(id, n);
      pages.push(model ? pageText(model.blocks) : '');
    }
    return { fileName: `${doc.fileName.replace(/\.[^.]+$/, '')}.${layer}.txt`, mediaType: 'text/plain', text: pages.join('\n\f') + '\n' };
  }

  // ---- articles ------------------------------------------------------------

  requireArticle(id: string): Article {
    const a = this.articles.get(id);
    if (!a) throw new Error(`no article ${id}`);
    return a;
  }

  saveArticle(p: { id?: string; title: string; parts: ArticlePart[] }): Article {
    const parts: ArticlePart[] = [];
    for (const part of p.parts) {
      if (parts.some((q) => samePart(q, part))) continue;
      const model = this.requirePage(part.docId, part.page);
      if (!model.blocks.some((b) => b.id === part.blockId)) throw new Error(`no block ${part.blockId} on page ${part.page}`);
      parts.push(part);
    }
    const now = new Date().toISOString();
    const held = p.id ? this.requireArticle(p.id) : null;
    const article: Article = { id: held?.id ?? randomUUID(), title: p.title.trim(), parts, created: held?.created ?? now, modified: now };
    this.articles.put(article);
    return article;
  }

  readArticle(id: string): ArticleText {
    const article = this.requireArticle(id);
    const pages = new Map<string, PageModel | null>();
    const blocks = article.parts.map((p) => {
      const key = `${p.docId}:${p.page}`;
      if (!pages.has(key)) pages.set(key, this.page(p.docId, p.page));
      const b = pages.get(key)?.blocks.find((x) => x.id === p.blockId);
      const out: ArticleText['blocks'][number] = b ? { ...p, text: b.text } : { ...p, text: '', missing: true };
      return out;
    });
    return { ...article, blocks, text: blocks.filter((b) => !b.missing).map((b) => b.text).join('\n\n') };
  }

  /** Annotations inside the article: on the whole of it, or on text within its blocks. */
  articleNotes(article: ArticleText): Annotation[] {
    const inside = (t: AnnotationTarget) => {
      if (!t.text) return false;
      const model = this.page(t.docId, t.page);
      if (!model) return false;
      const r = resolveTarget(t, model.items, model.blocks);
      if (r.start === null) return false;
      let at = 0;
      for (const b of model.blocks) {
        const end = at + b.text.length;
        if (r.start >= at && r.end! <= end) return article.parts.some((p) => p.docId === t.docId && p.page === t.page && p.blockId === b.id);
        at = end + 1;
      }
      return false;
    };
    const docs = new Set(article.parts.map((p) => p.docId));
    return [...docs].flatMap((d) => this.annotations.list({ docId: d })).filter((a, i, all) => all.findIndex((x) => x.id === a.id) === i && a.targets.every(inside));
  }

  exportArticle(id: string, format: 'markdown' | 'text'): { fileName: string; mediaType: string; text: string } {
    const article = this.readArticle(id);
    const notes = this.articleNotes(article);
    const slug = article.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'article';
    return format === 'markdown'
      ? { fileName: `${slug}.md`, mediaType: 'text/markdown', text: articleMarkdown(article, notes) }
      : { fileName: `${slug}.txt`, mediaType: 'text/plain', text: articlePlainText(article, notes) };
  }
}
