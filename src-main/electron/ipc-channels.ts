/** IPC channel names shared by main and preload. Two channels only: one for requests, one for events. */
export const INVOKE_CHANNEL = 'archive:invoke';
export const EVENT_CHANNEL = 'archive:event';
/** The privileged scheme the renderer and library files are served from. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://bundle';
