import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary if `npm install` could fetch it, or the reason it is absent (without trying to download). */
export function electronBinary(root: string): { path: string } | { reason: string } {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the Electron binary is not installed and could not be downloaded' };
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` };
}
