import { ipcMain, webContents } from 'electron';
import { dispatch } from '../../core/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { dispatchWhileOpening, type OpeningLibrary } from '../services/library-opening.ts';
import { foreground } from '../services/foreground.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isAppUrl } from './ipc-channels.ts';
import { isTrustedSender } from './trusted-sender.ts';

/** `source`: the services, or a library still opening (services/library-opening.ts), whose requests are refused until it is open. */
export function registerIpc(source: AppServices | OpeningLibrary): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: 'request refused: unknown sender' };
    const services = 'ready' in source ? source.services() : source;
    if (!services) return dispatchWhileOpening(name, params);
    // Background catch-ups wait while the app is being answered (services/foreground.ts).
    const answered = foreground.begin();
    try {
      return await dispatch(services.handlers, name, params);
    } finally {
      answered();
    }
  });
  source.events.subscribe((event, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event, payload);
    }
  });
}
