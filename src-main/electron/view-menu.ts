import type { MenuItemConstructorOptions } from 'electron';

/**
 * The View menu. DevTools are there only in development: in a packaged build
 * they would let anyone at the keyboard run script with the bridge's powers.
 */
export function viewMenu(opts: { devTools: boolean }): MenuItemConstructorOptions {
  return {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(opts.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}
