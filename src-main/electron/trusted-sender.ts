import { isAppUrl } from './ipc-channels.ts';

/** The parts of Electron's WebFrameMain the check reads; a structural type keeps this testable without Electron. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only our own top-level page, loaded from our own scheme, may call the back end; iframes and other origins may not. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
