import { displayWidth } from './help-text.ts';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** What a command may print to, and whether stderr is a terminal (for progress bars). */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  tty: boolean;
}

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** One CLI command: its help text, its options (node:util parseArgs), and what it does. Returns the exit code, or -1 to keep running. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** Option lines for `broadsheet help NAME`. */
  optionHelp: string[];
  options: ParseArgsOptionsConfig;
  run(args: ParsedCommandArgs, io: CliIo): Promise<number>;
}

export const LIBRARY_OPTION_HELP = '--library DIR   the library folder (default: $BROADSHEET_LIBRARY, else the app data folder)';

/** A usage error: printed as one line, exit status 2. */
export class UsageError extends Error {}

/** A file or document the command could not handle (not a PDF, no such document): printed as one line, exit status 1, as `import` exits when a file fails. */
export class CommandFailure extends Error {}

/** Every error line of every command starts the same way: `broadsheet: FILE: reason`, so a script greps one form. */
export function errorLine(message: string): string {
  return `broadsheet: ${message}\n`;
}

/** The exit status of an error a command threw: 1 for a failed file or document, 2 for anything else (usage, no library). */
export function errorExitCode(err: unknown): number {
  return err instanceof CommandFailure ? 1 : 2;
}

export function commandHelp(c: Command): string {
  return `Usage: broadsheet ${c.usage}\n\n${c.summary}\n\nOptions:\n${[...c.optionHelp, '-h, --help      this help'].map((l) => `  ${alignOption(l)}`).join('\n')}\n`;
}

/** Where every option's description starts (after the two-space indent): "--library DIR" and two spaces more. */
const OPTION_COLUMN = 16;

/**
 * An option line with its description at OPTION_COLUMN, in terminal columns: the lines are typed with spaces
 * by hand, and previews' "ID…" once stood one short of the others. Continuation lines (indented) stay as written.
 */
function alignOption(line: string): string {
  const m = /^(\S.*?) {2,}(\S.*)$/s.exec(line);
  if (!m) return line;
  const width = displayWidth(m[1]);
  return `${m[1]}${' '.repeat(Math.max(2, OPTION_COLUMN - width))}${m[2]}`;
}

/** Parses a command's arguments strictly; unknown options are usage errors that name the command's help. */
export function parseCommandArgs(c: Command, argv: string[]): ParsedCommandArgs & { help: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...c.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { values: rest, positionals, help: help === true };
  } catch (err) {
    throw new UsageError(`${readableParseError(err as Error & { code?: string })} (see broadsheet ${c.name} --help)`);
  }
}

function readableParseError(err: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? err.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(err.message)) return `${option?.split(' ')[0] ?? 'an option'} needs a value`;
      if (/does not take an argument/.test(err.message)) return `${option ?? 'an option'} takes no value`;
      return err.message.split('\n')[0];
    default:
      return err.message.split('\n')[0];
  }
}
