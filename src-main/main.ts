import { app } from 'electron';
import { registerMenu } from './electron/app-menu.ts';
import { registerAppProtocol, registerSchemes } from './electron/app-protocol.ts';
import { registerServices } from './electron/app-services.ts';
import { registerIpc } from './electron/ipc.ts';
import { registerMainWindow } from './electron/main-window.ts';

registerSchemes();

app.whenReady().then(async () => {
  const { opened, processor } = await registerServices();
  registerAppProtocol(opened);
  registerIpc(opened);
  if (!('ready' in opened)) {
    registerMenu(opened, processor);
    registerMainWindow();
    return;
  }
  // An older library being backed up and updated first: the window says how far, and loads the app once it is open
  // (LibraryOpening.svelte), or why it could not be opened; the menu's commands need the library.
  registerMainWindow();
  opened.ready.then((services) => registerMenu(services, processor), () => {});
});

app.on('window-all-closed', () => app.quit());
