import { expect, it } from 'vitest';
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
