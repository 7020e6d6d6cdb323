import { randomUUID } from 'node:crypto';
import type { AppInfo, Handlers } from '../../core/contract.ts';
import type { PageProcessor } from '../library/import-service.ts';
import { importUploads } from '../library/import-uploads.ts';
import type { LibraryStore } from '../library/library-store.ts';
import { listColumns } from '../library/library-columns-query.ts';
import { migratedNow } from '../library/migration-notice.ts';
import { withFirstPagePreviews } from '../previews/first-page-previews.ts';
import { paragraphSnippet } from '../../core/photos/paragraph-snippet.ts';
import { applyLinkChoices, photosOfBlock, relinkDocument, setLinkChoice } from '../library/photo-links.ts';
import { readerBlockTexts } from '../library/reader-block-texts.ts';
import { pageOfBlock, pageOfPhoto } from '../../core/page-model.ts';
import type { SearchService } from '../search/search-service.ts';
import type { EventBus } from './event-bus.ts';
import { createAnnotationHandlers } from './annotation-handlers.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { PageViews } from '../library/page-views.ts';
import { keepFirstScreen } from './first-screen-store.ts';
import type { PreviewService } from '../previews/preview-service.ts';

export interface HandlerContext {
  store: LibraryStore;
  processor: PageProcessor;
  events: EventBus;
  host: AppInfo['host'];
  version: string;
  search?: SearchService;
  previews?: PreviewService;
}

/** The back end of every contract request, shared by Electron main and the browser host. */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { store, events } = ctx;
  // The reader sees corrected blocks; the stored raw and cleaned layers stay as extracted.
  const withCorrections = new AnnotationService(store);
  const pageViews = new PageViews(store);
  const requireDocument = (id: string) => {
    const doc = store.get(id);
    if (!doc) throw new Error(`no document ${id.slice(0, 12)}… in this library`);
    return doc;
  };
  return {
    'app.info': () => ({
      version: ctx.version,
      host: ctx.host,
      libraryDir: store.dir,
      ...(store.migrated ? { migrated: migratedNow(store.migrated, store.db) } : {}),
    }),
    'app.keepFirstScreen': (kept) => {
      keepFirstScreen(store.dir, kept);
      return { kept: true };
    },
    'library.isOpen': () => ({ open: true }),
    'library.list': (params) => store.list(params),
    'library.columns': (params) => withFirstPagePreviews(store, ctx.previews, listColumns(store, params)),
    'library.import': async ({ files }) => {
      const batch = randomUUID();
      const inputs = files.map((f) => ({ name: f.name, path: f.path, bytes: f.data }));
      const results = await importUploads(store, ctx.processor, inputs, (p) => events.emit('import.progress', { batch, ...p }));
      const ids = results.filter((r) => r.status === 'imported' || r.upgraded || r.relaid).map((r) => r.id!);
      const pages = results.filter((r) => r.relaid).map((r) => r.id!);
      if (ids.length) events.emit('library.changed', { ids, ...(pages.length ? { pages } : {}) });
      return results;
    },
    'library.remove': ({ ids }) => {
      const { removed, missing } = store.removeDocuments(ids);
      if (removed.length) events.emit('library.changed', { ids: removed });
      return { removed, missing };
    },
    'document.get': ({ id }) => requireDocument(id),
    'document.page': ({ id, page }) => {
      const doc = requireDocument(id);
      if (page > doc.pageCount) throw new Error(`page ${page} is past the last page (${doc.pageCount})`);
      const model = withCorrections.page(id, page);
      if (!model) throw new Error(`page ${page} of ${doc.fileName} is missing`);
      return applyLinkChoices(store.db, id, model);
    },
    'document.pageView': ({ id, page }) => {
      const doc = requireDocument(id);
      if (page > doc.pageCount) throw new Error(`page ${page} is past the last page (${doc.pageCount})`);
      const reply = pageViews.reply(id, page);
      if (!reply) throw new Error(`page ${page} of ${doc.fileName} is missing`);
      return { ...reply, preview: doc.kind === 'pdf' && ctx.previews ? ctx.previews.readerState(id, page) : 'none' };
    },
    'photos.link': ({ id, photo, block, action }) => {
      requireDocument(id);
      setLinkChoice(store.db, id, photo, block, action);
      // setLinkChoice refused anything but a photo id of this document.
      return applyLinkChoices(store.db, id, store.page(id, pageOfPhoto(photo)!)!).photos;
    },
    'photos.ofBlock': ({ id, block }) => {
      requireDocument(id);
      return photosOfBlock(store.db, id, block);
    },
    'photos.linkSnippets': ({ id, blocks }) => {
      const doc = requireDocument(id);
      const out: Record<string, string> = {};
      for (const page of new Set(blocks.map(pageOfBlock))) {
        if (page === null || page > doc.pageCount) continue;
        for (const [block, text] of readerBlockTexts(store.db, withCorrections.corrections, id, page, blocks)) out[block] = paragraphSnippet(text);
      }
      return out;
    },
    'photos.relink': ({ id }) => {
      requireDocument(id);
      return { photos: relinkDocument(store.db, id) };
    },
    'document.updateMetadata': ({ id, patch }) => {
      requireDocument(id);
      const updated = store.updateMetadata(id, patch);
      events.emit('library.changed', { ids: [id] });
      return updated;
    },
    'search.query': (params) => {
      if (!ctx.search) throw new Error('search is not available in this host');
      return ctx.search.query(params);
    },
    'library.updateMetadata': ({ ids, patch }) => {
      const updated = store.updateMetadataOf(ids, patch);
      events.emit('library.changed', { ids });
      return { updated };
    },
    'library.renameTitle': ({ lccn, newspaper }) => {
      const updated = store.renameTitle(lccn, newspaper);
      events.emit('library.changed', { ids: [] });
      return { updated };
    },
    'settings.get': () => store.settings(),
    'settings.set': ({ patch }) => store.updateSettings(patch),
    ...createAnnotationHandlers(ctx),
  };
}
