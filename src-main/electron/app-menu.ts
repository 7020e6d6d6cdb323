import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { randomUUID } from 'node:crypto';
import { importReport } from '../../core/import-report.ts';
import { importPaths } from '../library/import-paths.ts';
import type { PageProcessor } from '../library/import-service.ts';
import type { AppServices } from '../services/app-services.ts';
import { viewMenu } from './view-menu.ts';

async function importFromDialog(services: AppServices, processor: PageProcessor): Promise<void> {
  const win = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Open or import newspaper pages',
    properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<'openFile' | 'openDirectory' | 'multiSelections'>,
    filters: [{ name: 'Newspaper pages', extensions: ['pdf', 'txt'] }],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (picked.canceled) return;
  const batch = randomUUID();
  const results = await importPaths(services.store, processor, picked.filePaths, (done, total, file, page) =>
    services.events.emit('import.progress', { batch, done, total, file, ...page }),
  );
  const imported = results.filter((r) => r.status === 'imported' || r.upgraded || r.relaid).map((r) => r.id!);
  const report = importReport(results);
  const pages = results.filter((r) => r.relaid).map((r) => r.id!);
  if (imported.length) services.events.emit('library.changed', { ids: imported, ...(pages.length ? { pages } : {}) });
  if (!report.problems.length) return;
  // Skips alone (a batch's JP2 masters) are a note, not an error; a METS read for its pages is no problem at all.
  if (report.serious) dialog.showErrorBox(report.failed ? 'Some files were not imported' : report.summary, report.problems.join('\n'));
  else void dialog.showMessageBox({ type: 'info', message: report.summary, detail: report.problems.join('\n') });
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
    viewMenu({ devTools: !app.isPackaged }),
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
