import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../services/paths.ts';
import { APP_ORIGIN, isAppUrl } from './ipc-channels.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

const ALLOWED_SCHEMES = new Set(['app:', 'blob:', 'data:', 'devtools:', 'chrome-extension:']);

/** Locks the session down: no permissions, no requests to any other origin, no navigation away. */
function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const scheme = new URL(details.url).protocol;
    callback({ cancel: !ALLOWED_SCHEMES.has(scheme) });
  });
}

export function registerMainWindow(): BrowserWindow {
  hardenSession();
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 640,
    minHeight: 480,
    title: 'Broadsheet',
    show: false,
    backgroundColor: '#1b1d1f',
    webPreferences: {
      preload: join(PACKAGE_ROOT, 'out', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Packaged builds have no DevTools at all (the menu item is gone too: view-menu.ts).
      devTools: !app.isPackaged,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
