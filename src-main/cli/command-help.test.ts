import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { wrapHelp } from './help-text.ts';
import { commandHelp, type Command } from './command.ts';
import { previewsCommand } from './previews-command.ts';

const cmd = (optionHelp: string[]): Command => ({ name: 'x', summary: 's', usage: 'x', optionHelp, options: {}, run: async () => 0 });

it('starts every option description in the same column, whatever spacing the line was typed with', () => {
  const help = commandHelp(cmd(['--library DIR   the library', 'ID…            only these', '--json  as JSON', '                continued']));
  expect(help).toBe(
    'Usage: broadsheet x\n\ns\n\nOptions:\n  --library DIR   the library\n  ID…             only these\n  --json          as JSON\n                  continued\n  -h, --help      this help\n',
  );
});

it('lines up broadsheet previews’ ID… row with its other options', () => {
  const rows = commandHelp(previewsCommand).split('Options:\n')[1]!.trimEnd().split('\n');
  expect(rows.map((r) => /^ {2}\S.*? {2,}(?=\S)/.exec(r)?.[0].length)).toEqual([18, 18, 18]);
});

it('wraps a command’s description flush left and its options under their column (broadsheet previews --help, 80 columns)', () => {
  expect(wrapHelp(commandHelp(previewsCommand), 80)).toBe(
    [
      'Usage: broadsheet previews [--library DIR] [ID…]',
      '',
      'make the page previews and compact page views the reader shows at once (the app',
      'makes them in the background)',
      '',
      'Options:',
      '  --library DIR   the library folder (default: $BROADSHEET_LIBRARY, else the app',
      '                  data folder)',
      '  ID…             only these documents (default: every document, listing those',
      '                  it made something for)',
      '  -h, --help      this help',
      '',
    ].join('\n'),
  );
});

it('ends broadsheet --help with its note wrapped flush left, as the description above it', () => {
  const r = spawnSync(join(import.meta.dirname, '..', '..', 'bin', 'broadsheet'), ['--help'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stdout.endsWith("\n\nThe library is --library DIR, else $BROADSHEET_LIBRARY, else the app's data\nfolder.\n")).toBe(true);
});

it('still hangs a wrapped usage line four spaces in', () => {
  expect(wrapHelp('Usage: broadsheet previews [--library DIR] [ID…] and more words here', 40)).toBe(
    'Usage: broadsheet previews [--library\n    DIR] [ID…] and more words here',
  );
});
