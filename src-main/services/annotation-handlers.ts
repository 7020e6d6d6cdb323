import type { Handlers } from '../../core/contract.ts';
import type { annotationRequests } from '../../core/annotations/requests.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import type { HandlerContext } from './handlers.ts';

type AnnotationHandlers = Pick<Handlers, keyof typeof annotationRequests>;

/**
 * Contract handlers for annotations, corrections and articles. Every change
 * is announced on the event bus after it is committed: `annotations.changed`
 * so other windows refresh, `text.corrected` so the search index re-reads
 * the page's corrected text.
 */
export function createAnnotationHandlers(ctx: Pick<HandlerContext, 'store' | 'events'>): AnnotationHandlers {
  const { store, events } = ctx;
  const service = new AnnotationService(store);
  const author = () => store.settings().author;
  const changed = (id: string) => events.emit('annotations.changed', { ids: [id] });
  const corrected = (docId: string, page: number, blockId: string) => events.emit('text.corrected', { id: docId, page, blockId });
  return {
    'annotations.list': (filter) => service.list(filter),
    'annotations.create': ({ targets, ...body }) => {
      const a = service.create(targets, body, author());
      changed(a.id);
      return a;
    },
    'annotations.createForArticle': ({ articleId, ...body }) => {
      const a = service.createForArticle(articleId, body, author());
      changed(a.id);
      return a;
    },
    'annotations.update': ({ id, ...patch }) => {
      const a = service.update(id, patch);
      changed(id);
      return a;
    },
    'annotations.delete': ({ id }) => {
      const a = service.delete(id);
      changed(id);
      return a;
    },
    'annotations.restore': ({ annotation }) => {
      const a = service.restore(annotation);
      changed(a.id);
      return a;
    },
    'annotations.export': ({ format, docId }) =>
      format === 'w3c'
        ? { fileName: 'annotations.jsonld', mediaType: 'application/ld+json', text: service.exportW3C(docId) }
        : { fileName: 'annotations.csv', mediaType: 'text/csv', text: service.exportCsv(docId) },
    'annotations.import': ({ text }) => {
      const report = service.importW3C(text);
      if (report.imported + report.updated > 0) events.emit('annotations.changed', { ids: [] });
      return report;
    },
    'corrections.set': ({ docId, page, blockId, text, reason }) => {
      const out = service.correct(docId, page, blockId, text, reason ?? '', author());
      corrected(docId, page, blockId);
      return out;
    },
    'corrections.history': ({ docId, page, blockId }) => service.history(docId, page, blockId),
    'corrections.revert': ({ docId, page, blockId, toVersion, reason }) => {
      const out = service.revert(docId, page, blockId, toVersion, reason ?? '', author());
      corrected(docId, page, blockId);
      return out;
    },
    'articles.list': ({ docId }) => service.articles.list(docId),
    'articles.save': (p) => service.saveArticle(p),
    'articles.delete': ({ id }) => {
      const gone = service.articles.delete(id);
      if (!gone) throw new Error(`no article ${id}`);
      return gone;
    },
    'articles.read': ({ id }) => service.readArticle(id),
    'export.text': (p) => (p.kind === 'document' ? service.documentText(p.id, p.layer) : service.exportArticle(p.id, p.format)),
  };
}
