import { ipcMain, webContents } from 'electron';
import { dispatch } from '../../core/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { foreground } from '../services/foreground.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isAppUrl } from './ipc-channels.ts';
import { isTrustedSender } from './trusted-sender.ts';

export function registerIpc(services: AppServices): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: 'request refused: unknown sender' };
    // Background catch-ups wait while the app is being answered (services/foreground.ts).
    const answered = foreground.begin();
    try {
      return await dispatch(services.handlers, name, params);
    } finally {
      answered();
    }
  });
  services.events.subscribe((event, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event, payload);
    }
  });
}
