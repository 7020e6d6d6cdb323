import { app } from 'electron';
import { registerAppProtocol, registerSchemes } from './electron/app-protocol.ts';
import { registerServices } from './electron/app-services.ts';
import { registerIpc } from './electron/ipc.ts';
import { registerWhenOpen } from './electron/when-open.ts';

registerSchemes();

app.whenReady().then(async () => {
  const { opened, processor } = await registerServices();
  registerAppProtocol(opened);
  registerIpc(opened);
  registerWhenOpen(opened, processor);
});

app.on('window-all-closed', () => app.quit());
