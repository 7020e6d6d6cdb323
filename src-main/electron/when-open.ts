import type { PageProcessor } from '../library/import-service.ts';
import type { AppServices } from '../services/app-services.ts';
import type { OpeningLibrary } from '../services/library-opening.ts';
import { registerMenu } from './app-menu.ts';
import { registerMainWindow } from './main-window.ts';

/**
 * The window and the menu, for a library open or still opening. An older library being backed up and updated first:
 * the window says how far, and loads the app once it is open (LibraryOpening.svelte), or says why it could not be
 * opened; the menu's commands need the library, so it comes once it is open.
 */
export function registerWhenOpen(opened: AppServices | OpeningLibrary, processor: PageProcessor): void {
  if (!('ready' in opened)) {
    // The menu before the window, as ever: the window is made with it.
    registerMenu(opened, processor);
    registerMainWindow();
    return;
  }
  registerMainWindow();
  opened.ready.then((services) => registerMenu(services, processor), () => {});
}
