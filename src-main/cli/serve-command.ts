import { startHost, type RunningHost } from '../host/server.ts';
import { createProcessor } from '../library/processor.ts';
import type { EventPayload } from '../../core/contract.ts';
import { openAppServices } from '../services/app-services.ts';
import { EventBus } from '../services/event-bus.ts';
import { openOrHold } from '../services/library-opening.ts';
import { chooseLibraryDir, RENDERER_DIR, SAMPLE_DIR } from '../services/paths.ts';
import { version } from '../services/version.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

export interface ServingHost extends RunningHost {
  /**
   * Settles once the library is open: at once for one that needed no update. A host started while an older library
   * was being backed up and updated serves a page saying how far that is meanwhile; if the library then cannot be
   * opened, this rejects with why, and the host is closed.
   */
  opened: Promise<void>;
}

export async function serveCommand(opts: { libraryDir: string; port: number; rendererDir?: string; err?: (s: string) => void }): Promise<ServingHost> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  ensureRendererBuilt(rendererDir);
  const events = new EventBus();
  // The backup an older library takes first is told here too, every tenth of it (the page shows it: library-opening.ts).
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
  // A library that needs no update opens before the host starts, as ever; one being backed up first gets the host at once.
  const opening = await openOrHold(events, (bus) =>
    openAppServices({
      events: bus,
      libraryDir: opts.libraryDir,
      host: 'browser',
      version,
      processor: createProcessor(),
      sampleDir: SAMPLE_DIR,
      // The first screenful before the catch-ups of the search index and the previews (services/foreground.ts).
      deferBackgroundMs: 3000,
    }),
  );
  const host = await startHost({ services: 'services' in opening ? opening.services : opening.opening, rendererDir, port: opts.port });
  const closeHost = host.close;
  const ready = 'services' in opening ? Promise.resolve(opening.services) : opening.opening.ready;
  // One close, however many ask: a terminal's Ctrl+C reaches every process of its group, so under `npm start` the
  // host gets SIGINT from the terminal and again from scripts/start.ts forwarding it (npm sends SIGTERM too). A second
  // close of the already closed databases threw "database is not open" with a stack trace.
  let services = 'services' in opening ? opening.services : null;
  void ready.then((s) => (services = s), () => {});
  let closing: Promise<void> | null = null;
  host.close = () =>
    (closing ??= (async () => {
      // The server first, so no request reaches the services while they close; they close their own parts in order
      // (the search index before the library, whose close checkpoints its write-ahead log).
      await closeHost();
      // A library still opening is not waited for (a stop must not wait out a 40 s backup): a process that exits
      // cuts the backup, which leaves the library as it was and a partial copy the next backup removes
      // (library-backup.ts); one that goes on closes the services once they are open.
      if (services) await services.close();
      else void ready.then((s) => s.close(), () => {});
    })());
  const opened = ready.then(
    () => undefined,
    async (err: unknown) => {
      await host.close();
      throw err;
    },
  );
  return Object.assign(host, { opened });
}

/**
 * Closes the host, then exits 0, on SIGINT, SIGTERM and SIGHUP. Code 0, not the shell's 130: stopping the server is
 * how it is meant to end, and a non-zero code makes `npm start` print an error of its own ("command failed") after a
 * clean stop. SIGHUP: a closed terminal sends it to the host it ran, which then ended at once, its library not closed.
 */
export function stopOnSignals(host: Pick<RunningHost, 'close'>): void {
  const stop = () => void host.close().then(() => process.exit(0));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
}

export const serveCommandSpec: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on 127.0.0.1; the first line printed is the URL with its per-start token (a new one each start)',
  usage: 'serve [--library DIR] [--port N]',
  optionHelp: [LIBRARY_OPTION_HELP, '--port N        the port (default: any free port)'],
  options: { library: { type: 'string' }, port: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError(`serve takes no file names (see broadsheet serve --help)`);
    const port = Number(values.port ?? 0);
    if (!/^\d+$/.test(String(values.port ?? 0)) || port > 65535) throw new UsageError('--port must be 0–65535');
    const host = await serveCommand({ libraryDir: chooseLibraryDir(values.library as string | undefined), port, err: (s) => io.err(s) });
    io.out(host.url + '\n');
    stopOnSignals(host);
    // A library that could not be opened once the host was serving (its backup or update failed): said, and no host.
    await host.opened;
    return -1; // keep running
  },
};
