import { startHost, type RunningHost } from '../host/server.ts';
import { createProcessor } from '../library/processor.ts';
import type { EventPayload } from '../../core/contract.ts';
import { openAppServices } from '../services/app-services.ts';
import { EventBus } from '../services/event-bus.ts';
import { chooseLibraryDir, RENDERER_DIR, SAMPLE_DIR } from '../services/paths.ts';
import { version } from '../services/version.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

export async function serveCommand(opts: { libraryDir: string; port: number; rendererDir?: string; err?: (s: string) => void }): Promise<RunningHost> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  ensureRendererBuilt(rendererDir);
  const events = new EventBus();
  // The page is served once the library is open: the backup an older one takes first is told here, every tenth of it.
  let told = -1;
  events.subscribe((event, payload) => {
    if (event !== 'library.backup' || !opts.err) return;
    const { done, total } = payload as EventPayload<'library.backup'>;
    // Total 0 (done) says nothing here: the migration's own line follows (migration-notice.ts).
    const tenth = Math.floor((10 * done) / Math.max(1, total));
    if (total === 0 || tenth === told) return;
    told = tenth;
    opts.err(`backing up the library before its update: ${tenth * 10}%\n`);
  });
  const services = await openAppServices({
    events,
    libraryDir: opts.libraryDir,
    host: 'browser',
    version,
    processor: createProcessor(),
    sampleDir: SAMPLE_DIR,
    // The first screenful before the catch-ups of the search index and the previews (services/foreground.ts).
    deferBackgroundMs: 3000,
  });
  const host = await startHost({ services, rendererDir, port: opts.port });
  const closeHost = host.close;
  // One close, however many ask: a terminal's Ctrl+C reaches every process of its group, so under `npm start` the
  // host gets SIGINT from the terminal and again from scripts/start.ts forwarding it (npm sends SIGTERM too). A second
  // close of the already closed databases threw "database is not open" with a stack trace.
  let closing: Promise<void> | null = null;
  host.close = () =>
    (closing ??= (async () => {
      // The server first, so no request reaches the services while they close; they close their own parts in order
      // (the search index before the library, whose close checkpoints its write-ahead log).
      await closeHost();
      await services.close();
    })());
  return host;
}

export const serveCommandSpec: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on 127.0.0.1; the first line printed is the URL with its one-time token',
  usage: 'serve [--library DIR] [--port N]',
  optionHelp: [LIBRARY_OPTION_HELP, '--port N        the port (default: any free port)'],
  options: { library: { type: 'string' }, port: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError(`serve takes no file names (see broadsheet serve --help)`);
    const port = Number(values.port ?? 0);
    if (!/^\d+$/.test(String(values.port ?? 0)) || port > 65535) throw new UsageError('--port must be 0–65535');
    const host = await serveCommand({ libraryDir: chooseLibraryDir(values.library as string | undefined), port, err: (s) => io.err(s) });
    io.out(host.url + '\n');
    // Exit code 0 for SIGINT as for SIGTERM, not the shell's 130: stopping the server is how it is meant to end, and a
    // non-zero code makes `npm start` print an error of its own ("command failed") after a clean stop.
    const stop = () => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1; // keep running
  },
};
