import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'broadsheet');

/** Imports files into a library through the real CLI, as an archivist would. */
export function cliImport(libraryDir: string, files: string[]): void {
  const result = spawnSync(CLI, ['import', '--library', libraryDir, ...files], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`broadsheet import failed (${result.status}): ${result.stderr}`);
}

export interface HostProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `broadsheet serve` and reads the URL from the first line of its stdout. */
export async function startHostProcess(libraryDir: string): Promise<HostProcess> {
  const child = spawn(CLI, ['serve', '--library', libraryDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`broadsheet serve exited ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`broadsheet serve printed no URL in 60 s: ${stderr}`)), 60_000);
  });
  const url = firstLine.trim();
  return {
    url,
    origin: new URL(url).origin,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
