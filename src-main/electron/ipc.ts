import { ipcMain, webContents, type WebFrameMain } from 'electron';
import { dispatch } from '../../core/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { APP_ORIGIN, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.ts';

/** Only our own page, loaded from our own scheme, may call the back end. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN && frame.parent === null;
  } catch {
    return false;
  }
}

export function registerIpc(services: AppServices): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: 'request refused: unknown sender' };
    return dispatch(services.handlers, name, params);
  });
  services.events.subscribe((event, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && contents.getURL().startsWith(APP_ORIGIN)) contents.send(EVENT_CHANNEL, event, payload);
    }
  });
}
