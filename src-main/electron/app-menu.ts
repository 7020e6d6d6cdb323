import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { collectFiles } from '../cli/import-command.ts';
import { importError, importFiles, type PageProcessor } from '../library/import-service.ts';
import type { AppServices } from '../services/app-services.ts';

async function importFromDialog(services: AppServices, processor: PageProcessor): Promise<void> {
  const win = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Open or import newspaper pages',
    properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<'openFile' | 'openDirectory' | 'multiSelections'>,
    filters: [{ name: 'Newspaper pages', extensions: ['pdf', 'txt'] }],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (picked.canceled) return;
  const files = collectFiles(picked.filePaths);
  const batch = randomUUID();
  const failures: string[] = [];
  const imported: string[] = [];
  for (const [index, file] of files.entries()) {
    services.events.emit('import.progress', { batch, done: index, total: files.length, file });
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      failures.push(importError(file, 'cannot read'));
      continue;
    }
    const [result] = await importFiles(services.store, processor, [{ name: file, bytes }]);
    if (result.status === 'failed') failures.push(result.error!);
    if (result.status === 'imported') imported.push(result.id!);
  }
  services.events.emit('import.progress', { batch, done: files.length, total: files.length, file: '' });
  if (imported.length) services.events.emit('library.changed', { ids: imported });
  if (failures.length) dialog.showErrorBox('Some files were not imported', failures.join('\n'));
}

export function registerMenu(services: AppServices, processor: PageProcessor): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open/Import…', accelerator: 'CmdOrCtrl+O', click: () => void importFromDialog(services, processor) },
        { label: 'Show Library Folder', click: () => void shell.openPath(services.store.dir) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'About Broadsheet',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Broadsheet',
              message: `Broadsheet ${app.getVersion()}`,
              detail: 'An offline reader for digitized newspaper archives.',
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
