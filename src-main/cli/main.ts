import { commandHelp as helpOf, errorExitCode, errorLine, parseCommandArgs, UsageError, type CliIo, type Command } from './command.ts';
import { migrationNotice, onLibraryMigrated } from '../library/migration-notice.ts';
import { helpWidth, twoColumns, wrapHelp } from './help-text.ts';
import { printable } from './printable.ts';
import { version } from '../services/version.ts';

/**
 * Every command, in the order `broadsheet --help` lists them. Each lives in its own file, loaded only when it
 * runs (or for help): start-up is most of a one-shot command's time, and `search` has no use for pdf.js, the
 * HTTP host or the XML readers the other commands load (bench:search times the CLI).
 */
const COMMANDS: Array<[name: string, load: () => Promise<Command>]> = [
  ['serve', async () => (await import('./serve-command.ts')).serveCommandSpec],
  ['import', async () => (await import('./import-command.ts')).importCommandSpec],
  ['extract', async () => (await import('./extract-command.ts')).extractCommandSpec],
  ['search', async () => (await import('./search-command.ts')).searchCommand],
  ['list', async () => (await import('./list-command.ts')).listCommand],
  ['verify', async () => (await import('./verify-command.ts')).verifyCommand],
  ['remove', async () => (await import('./remove-command.ts')).removeCommand],
  ['annotations', async () => (await import('./annotations-command.ts')).annotationsCommandSpec],
  ['text', async () => (await import('./text-command.ts')).textCommandSpec],
  ['article', async () => (await import('./text-command.ts')).articleCommandSpec],
  ['previews', async () => (await import('./previews-command.ts')).previewsCommand],
  ['upgrade', async () => (await import('./upgrade-command.ts')).upgradeCommand],
];

async function allCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map(([, load]) => load()));
}

async function help(width: number): Promise<string> {
  const commands: Array<[string, string]> = [
    ...(await allCommands()).map((c): [string, string] => [c.usage, c.summary.split(';')[0]]),
    ['help [COMMAND]', "this text, or one command's help"],
  ];
  return `broadsheet ${version}: offline reader for digitized newspaper archives

Usage: broadsheet <command> [options]

Commands:
${twoColumns(commands, width)}

Options:
  --help, -h      help (after a command: that command's help)
  --version       version

The library is --library DIR, else $BROADSHEET_LIBRARY, else the app's data folder.
`;
}

async function main(argv: string[], io: CliIo): Promise<number> {
  // Opening an older library migrates it and writes a backup: say so once, whatever the command.
  const [name, ...rest] = argv;
  // `upgrade` converts right after, so its notice leaves out the hint to run it.
  onLibraryMigrated((m) => io.err(migrationNotice(m, { upgrading: name === 'upgrade' }) + '\n'));
  // Help fits the terminal (80 columns when piped).
  const width = helpWidth(process.stdout.columns);
  const commandHelp = (c: Command) => wrapHelp(helpOf(c), width);
  if (!name || name === '--help' || name === '-h') {
    io.out(wrapHelp(await help(width), width));
    return 0;
  }
  if (name === '--version') {
    io.out(version + '\n');
    return 0;
  }
  const find = async (n: string) => {
    const entry = COMMANDS.find(([key]) => key === n);
    return entry ? entry[1]() : undefined;
  };
  if (name === 'help') {
    if (rest.length === 0) io.out(wrapHelp(await help(width), width));
    else {
      const command = await find(rest[0]);
      if (!command) throw new UsageError(`no command "${printable(rest[0])}" (see broadsheet --help)`);
      io.out(commandHelp(command));
    }
    return 0;
  }
  const command = await find(name);
  if (!command) throw new UsageError(`unknown command "${printable(name)}" (see broadsheet --help)`);
  const args = parseCommandArgs(command, rest);
  if (args.help) {
    io.out(commandHelp(command));
    return 0;
  }
  return command.run(args, io);
}

// `broadsheet extract x.pdf | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const io: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: process.stderr.isTTY === true,
};

let settled = false;
// A command whose work never settled must not look like success: Node exits 0 when nothing is left to wait for.
process.on('exit', () => {
  if (settled) return;
  process.stderr.write('broadsheet: internal error: the command stopped before it finished\n');
  process.exitCode = 70;
});

main(process.argv.slice(2), io).then(
  (code) => {
    if (code >= 0) {
      settled = true;
      process.exitCode = code;
    } else settled = true; // serve keeps running; its own signal handlers end it
  },
  (err: unknown) => {
    settled = true;
    process.stderr.write(errorLine(err instanceof Error ? err.message : String(err)));
    process.exitCode = errorExitCode(err);
  },
);
