/** IPC channel names shared by main and preload. Two channels only: one for requests, one for events. */
export const INVOKE_CHANNEL = 'archive:invoke';
export const EVENT_CHANNEL = 'archive:event';
/** The privileged scheme the renderer and library files are served from. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://bundle';

/**
 * True when a URL is on our app://bundle origin. Node's URL reports the
 * origin of a non-special scheme as "null", so compare scheme and host
 * instead of `.origin` (which would refuse everything, even our own page).
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'bundle' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
