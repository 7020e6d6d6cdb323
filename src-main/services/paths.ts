import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root, found from this file's place in src-main/ or out/main/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const RENDERER_DIR = join(PACKAGE_ROOT, 'out', 'renderer');
export const SAMPLE_DIR = join(PACKAGE_ROOT, 'assets', 'sample');

/**
 * Where Electron's app.getPath('userData') points for "Broadsheet", computed
 * without Electron so the CLI and the browser host open the same library.
 */
export function defaultUserDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Broadsheet');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Broadsheet');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Broadsheet');
}

export function defaultLibraryDir(): string {
  return join(defaultUserDataDir(), 'library');
}

/** `--library DIR` wins everywhere; then BROADSHEET_LIBRARY; then the platform default. */
export function chooseLibraryDir(flag: string | undefined): string {
  return resolve(flag ?? process.env.BROADSHEET_LIBRARY ?? defaultLibraryDir());
}
