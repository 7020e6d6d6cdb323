import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { serveCommand } from './serve-command.ts';

/**
 * A terminal's Ctrl+C reaches every process of its group: under `npm start` the host gets SIGINT from the terminal
 * and again from scripts/start.ts forwarding it (and npm forwards SIGTERM too). Each signal asks for the same close;
 * the second one threw "database is not open" (ERR_INVALID_STATE) from the search index.
 */

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-serve-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('closes once however often asked, at once or after: no error, the library checkpointed and whole', async () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const libraryDir = join(dir, 'lib');
  const host = await serveCommand({ libraryDir, port: 0, rendererDir });
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

  await expect(Promise.all([host.close(), host.close(), host.close()])).resolves.toEqual([undefined, undefined, undefined]);
  await expect(host.close()).resolves.toBeUndefined();

  // The write-ahead log was checkpointed into the library file (empty or gone), and the first start's samples are in it.
  const wal = join(libraryDir, 'library.sqlite-wal');
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  const db = new DatabaseSync(join(libraryDir, 'library.sqlite'), { readOnly: true });
  try {
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(2);
  } finally {
    db.close();
  }
}, 120_000);

it('ends as cleanly on SIGHUP (the terminal it ran in was closed) as on SIGINT and SIGTERM: exit code 0, the library closed', async () => {
  // A process of its own (the signal ends it), serving a stand-in renderer as the test above does.
  const rendererDir = join(dir, 'renderer-hup');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const libraryDir = join(dir, 'hup');
  const script = [
    `import { serveCommand, stopOnSignals } from ${JSON.stringify(join(import.meta.dirname, 'serve-command.ts'))};`,
    `const host = await serveCommand({ libraryDir: ${JSON.stringify(libraryDir)}, port: 0, rendererDir: ${JSON.stringify(rendererDir)} });`,
    'stopOnSignals(host);',
    'console.log(host.url);',
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  await new Promise((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  child.kill('SIGHUP');
  // Killed by the signal, Node's default action, it ended with [null, 'SIGHUP'] and the library open.
  await expect(exited).resolves.toEqual([0, null]);
  const wal = join(libraryDir, 'library.sqlite-wal');
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
}, 120_000);
