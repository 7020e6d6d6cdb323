import { parseArgs } from './args.ts';
import { extractCommand } from './extract-command.ts';
import { importCommand, importExitCode } from './import-command.ts';
import { serveCommand } from './serve-command.ts';
import { LibraryStore } from '../library/library-store.ts';
import { createProcessor } from '../library/processor.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { version } from '../services/version.ts';

const HELP = `broadsheet ${version}: offline reader for digitized newspaper archives

Usage: broadsheet <command> [options]

Commands:
  serve [--library DIR] [--port N]     serve the app to a browser on 127.0.0.1 (prints the URL with its token first)
  extract FILE.pdf|FILE.txt [--json]   print the page model (raw text, cleaned blocks) without touching any library
  import [--library DIR] FILES|DIRS…   copy files into the library, extract and clean them; prints a summary
  help                                 this text

Options:
  --library DIR   the library folder (default: the platform's app data folder, or $BROADSHEET_LIBRARY)
  --help, -h      help
  --version       version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version') {
    process.stdout.write(version + '\n');
    return 0;
  }
  switch (command) {
    case 'serve': {
      const args = parseArgs(rest, ['library', 'port'], []);
      const port = Number(args.flags.get('port') ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535`);
      const host = await serveCommand({ libraryDir: chooseLibraryDir(args.flags.get('library') as string | undefined), port });
      process.stdout.write(host.url + '\n');
      const stop = () => void host.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1; // keep running
    }
    case 'extract': {
      const args = parseArgs(rest, [], ['json']);
      if (args.positional.length !== 1) throw new Error('extract takes exactly one file');
      await extractCommand(args.positional[0], args.flags.has('json'), (s) => process.stdout.write(s));
      return 0;
    }
    case 'import': {
      const args = parseArgs(rest, ['library'], []);
      if (args.positional.length === 0) throw new Error('import needs at least one file or folder');
      const store = new LibraryStore(chooseLibraryDir(args.flags.get('library') as string | undefined));
      const processor = createProcessor();
      try {
        const results = await importCommand(store, processor, args.positional, {
          out: (s) => process.stdout.write(s),
          err: (s) => process.stderr.write(s),
          tty: process.stderr.isTTY === true,
        });
        return importExitCode(results);
      } finally {
        await processor.close();
        store.close();
      }
    }
    default:
      throw new Error(`unknown command "${command}" (see broadsheet --help)`);
  }
}

// `broadsheet extract x.pdf | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`broadsheet: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
