import { app } from 'electron';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProcessor } from '../library/processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { EventBus } from '../services/event-bus.ts';
import { openOrHold, type OpeningLibrary } from '../services/library-opening.ts';
import { SAMPLE_DIR } from '../services/paths.ts';
// electron-vite emits the worker as its own bundle and gives us its path.
import extractWorkerPath from '../extract/extract-worker.ts?modulePath';
import photoLinkWorkerPath from '../library/photo-link-worker.ts?modulePath';
import viewWorkerPath from '../previews/view-encoder-worker.ts?modulePath';
import searchWorkerPath from '../search/search-index-worker.ts?modulePath';
import rasterWorkerPath from '../previews/typeset-raster-worker.ts?modulePath';
import upgradeWorkerPath from '../library/raw-items-upgrade-worker.ts?modulePath';
import migrateWorkerPath from '../library/migrate-worker.ts?modulePath';

/** `--library DIR` on the command line wins over the platform's userData folder. */
export function libraryDirFromArgv(argv: string[]): string | null {
  // Electron and Chromium add switches of their own: ours is picked out, the rest ignored.
  const { values } = parseArgs({ args: argv, options: { library: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.library === 'string' ? resolve(values.library) : null;
}

function chooseElectronLibraryDir(argv: string[]): string {
  const flag = libraryDirFromArgv(argv.slice(1));
  if (flag) return flag;
  return process.env.BROADSHEET_LIBRARY ? resolve(process.env.BROADSHEET_LIBRARY) : join(app.getPath('userData'), 'library');
}

/**
 * The services, or, for an older library being backed up and updated first, an OpeningLibrary the window shows
 * meanwhile (services/library-opening.ts); a library that needs no update opens before any window, as ever.
 */
export async function registerServices(): Promise<{ opened: AppServices | OpeningLibrary; processor: ReturnType<typeof createProcessor> }> {
  const processor = createProcessor({ workerUrl: extractWorkerPath, photoLinkWorkerUrl: photoLinkWorkerPath });
  const opening = await openOrHold(new EventBus(), (events) =>
    openAppServices({
      events,
      libraryDir: chooseElectronLibraryDir(process.argv),
      host: 'electron',
      version: app.getVersion(),
      processor,
      sampleDir: SAMPLE_DIR,
      viewWorkerUrl: viewWorkerPath,
      searchWorkerUrl: searchWorkerPath,
      rasterWorkerUrl: rasterWorkerPath,
      upgradeWorkerUrl: upgradeWorkerPath,
      migrateWorkerUrl: migrateWorkerPath,
      // The first screenful before the catch-ups of the search index and the previews (services/foreground.ts).
      deferBackgroundMs: 3000,
    }),
  );
  if ('services' in opening) {
    const services = opening.services;
    app.on('will-quit', () => void services.close());
    return { opened: services, processor };
  }
  // Quitting while it opens cuts the backup (the library stays as it was: library-backup.ts); once open, closed as ever.
  void opening.opening.ready.then((services) => app.on('will-quit', () => void services.close()), () => {});
  return { opened: opening.opening, processor };
}
