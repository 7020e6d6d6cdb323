import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../services/paths.ts';

const hasIndex = (dir: string) => existsSync(join(dir, 'index.html'));

/** Runs the project's build (electron-vite, a dev dependency), its output on stderr: stdout's first line is the URL. */
export function buildWithElectronVite(root = PACKAGE_ROOT): boolean {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(cli)) return false;
  const r = spawnSync(process.execPath, [cli, 'build', '-c', 'electron.config.ts'], { cwd: root, stdio: ['ignore', 2, 2] });
  return r.status === 0;
}

/**
 * `serve` right after `npm install` found no renderer bundle and stopped.
 * In a checkout with the dev dependencies, build it once (saying so);
 * otherwise fail with the command that does.
 */
export function ensureRendererBuilt(rendererDir: string, build: () => boolean = buildWithElectronVite, log: (s: string) => void = (s) => process.stderr.write(s)): void {
  if (hasIndex(rendererDir)) return;
  log('broadsheet: the renderer is not built yet; building it once (npm run build)…\n');
  if (build() && hasIndex(rendererDir)) return;
  throw new Error(`renderer not built (${rendererDir} has no index.html) and building it failed: run "npm run build" in ${PACKAGE_ROOT}`);
}
