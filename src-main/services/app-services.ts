import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, Handlers } from '../../core/contract.ts';
import { importFiles, type PageProcessor } from '../library/import-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import { PageViews } from '../library/page-views.ts';
import { RawItemsUpgradePass } from '../library/raw-items-upgrade-pass.ts';
import { PreviewService } from '../previews/preview-service.ts';
import { DEFAULT_SEARCH_INDEX_WORKER_URL } from '../search/search-index-thread.ts';
import { SearchService } from '../search/search-service.ts';
import { EventBus } from './event-bus.ts';
import { foreground } from './foreground.ts';
import { createHandlers } from './handlers.ts';
import { watchLibrary } from './library-watch.ts';

export interface AppServices {
  store: LibraryStore;
  events: EventBus;
  handlers: Handlers;
  search: SearchService;
  previews: PreviewService;
  /** Pages an older version stored, converted to the current form in the background (raw-items-upgrade-pass.ts). */
  upgrade: RawItemsUpgradePass;
  close(): Promise<void>;
}

export interface AppServiceOptions {
  libraryDir: string;
  host: AppInfo['host'];
  version: string;
  processor: PageProcessor & { close?(): Promise<void> | void };
  /** Folder of sample pages imported into a library created fresh, so a newcomer sees a page at once. */
  sampleDir?: string;
  /** Where the bundle put src-main/previews/view-encoder-worker.ts (Electron); by default beside view-encoder.ts. */
  viewWorkerUrl?: string;
  /** Where the bundle put src-main/search/search-index-worker.ts (Electron); by default beside search-index-thread.ts. */
  searchWorkerUrl?: string;
  /** Where the bundle put src-main/previews/typeset-raster-worker.ts (Electron); by default beside typeset-raster.ts. */
  rasterWorkerUrl?: string;
  /** Where the bundle put src-main/library/raw-items-upgrade-worker.ts (Electron); by default beside raw-items-upgrade-pass.ts. */
  upgradeWorkerUrl?: string;
  /** Where the bundle put src-main/library/migrate-worker.ts (Electron); by default beside library-migration.ts. */
  migrateWorkerUrl?: string;
  /** The hosts: background catch-ups wait for the app's first requests to be answered, or this long if none come. */
  deferBackgroundMs?: number;
  /**
   * The bus the services tell their events on; a host that subscribes before opening hears the backup an older
   * library takes before its update (library.backup), which comes before the services exist.
   */
  events?: EventBus;
}

export async function openAppServices(opts: AppServiceOptions): Promise<AppServices> {
  const fresh = !existsSync(join(opts.libraryDir, 'library.sqlite'));
  const events = opts.events ?? new EventBus();
  // An older library is backed up off this thread, telling how far it got, then updated on a worker (library-backup.ts, library-migration.ts).
  const store = await LibraryStore.open(opts.libraryDir, { onBackup: (p) => events.emit('library.backup', p), migrateWorkerUrl: opts.migrateWorkerUrl });
  if (fresh && opts.sampleDir && existsSync(opts.sampleDir)) {
    const inputs = readdirSync(opts.sampleDir)
      .filter((f) => /\.(pdf|txt)$/i.test(f))
      .sort()
      .map((f) => ({ name: f, bytes: readFileSync(join(opts.sampleDir!, f)) }));
    const results = await importFiles(store, opts.processor, inputs);
    for (const r of results) if (r.status === 'failed') console.error(`sample ${r.error}`);
  }
  if (opts.deferBackgroundMs) foreground.deferStart(opts.deferBackgroundMs);
  // Opening the index only compares document lists; anything it lacks is indexed in the background.
  // Its writes (an import's text, re-indexing) on a worker thread: this thread answers the app (search-index-thread.ts).
  const search = new SearchService(store, events, { indexWorkerUrl: opts.searchWorkerUrl ?? DEFAULT_SEARCH_INDEX_WORKER_URL });
  void search.catchUp();
  // Page previews for the reader: made in the background for documents that lack them, and after every import.
  const previews = new PreviewService(store, events, new PageViews(store), opts.viewWorkerUrl, opts.rasterWorkerUrl);
  void previews.catchUp();
  // Pages stored before migration 11, converted a batch at a time on a worker; they read the same meanwhile.
  const upgrade = new RawItemsUpgradePass(store, events, opts.upgradeWorkerUrl ? { workerUrl: opts.upgradeWorkerUrl } : {});
  void upgrade.run();
  const handlers = createHandlers({ store, events, processor: opts.processor, host: opts.host, version: opts.version, search, previews });
  // Documents the CLI imports while the app is open appear without a reload (and are indexed: search follows library.changed).
  const unwatch = watchLibrary(store, events);
  let closing: Promise<void> | undefined;
  return {
    store,
    events,
    handlers,
    search,
    previews,
    upgrade,
    // Once, however often asked (a window's close and a signal both may): each part closes after what uses it,
    // the library last (its close checkpoints the write-ahead log).
    close() {
      return (closing ??= (async () => {
        unwatch();
        await previews.close();
        await upgrade.close();
        await opts.processor.close?.();
        await search.close();
        store.close();
      })());
    },
  };
}
