import { app } from 'electron';
import { registerMenu } from './electron/app-menu.ts';
import { registerAppProtocol, registerSchemes } from './electron/app-protocol.ts';
import { registerServices } from './electron/app-services.ts';
import { registerIpc } from './electron/ipc.ts';
import { registerMainWindow } from './electron/main-window.ts';

registerSchemes();

app.whenReady().then(async () => {
  const { services, processor } = await registerServices();
  registerAppProtocol(services);
  registerIpc(services);
  registerMenu(services, processor);
  registerMainWindow();
});

app.on('window-all-closed', () => app.quit());
