import { expect, it } from 'vitest';
import { displayWidth, helpWidth, twoColumns, wrapHelp } from './help-text.ts';

it('leaves lines that fit alone', () => {
  expect(wrapHelp('Usage: broadsheet list [--json]\n\n  --json   one object a line', 80)).toBe('Usage: broadsheet list [--json]\n\n  --json   one object a line');
});

it('hangs the continuation of an option line under its description', () => {
  const line = '  --format w3c|csv   W3C Web Annotation JSON-LD (default, round-trips byte for byte) or CSV of the notes';
  expect(wrapHelp(line, 60)).toBe(
    ['  --format w3c|csv   W3C Web Annotation JSON-LD (default,', '                     round-trips byte for byte) or CSV of', '                     the notes'].join('\n'),
  );
});

it('indents four spaces when there is no column, or it leaves too little room', () => {
  const usage = 'Usage: broadsheet annotations export|import [--library DIR] [--format w3c|csv] [--out FILE]';
  expect(wrapHelp(usage, 50)).toBe(['Usage: broadsheet annotations export|import', '    [--library DIR] [--format w3c|csv] [--out', '    FILE]'].join('\n'));
  for (const l of wrapHelp(usage, 50).split('\n')) expect(l.length).toBeLessThanOrEqual(50);
});

it('lays a command list side by side when it fits, else each summary under its command', () => {
  const rows: Array<[string, string]> = [
    ['serve [--library DIR] [--port N]', 'the app in a browser'],
    ['list [--json]', 'one document a line'],
  ];
  expect(twoColumns(rows, 80)).toBe('  serve [--library DIR] [--port N]   the app in a browser\n  list [--json]                      one document a line');
  expect(twoColumns(rows, 50)).toBe('  serve [--library DIR] [--port N]\n      the app in a browser\n  list [--json]\n      one document a line');
});

it('takes the terminal width, or 80 where there is none', () => {
  expect(helpWidth(undefined)).toBe(80);
  expect(helpWidth(132)).toBe(132);
  expect(helpWidth(10)).toBe(80);
});

it('counts a CJK character as two columns', () => {
  expect(displayWidth('职工 finds 職工')).toBe(15);
  const line = '  --variants      simplified and traditional Chinese match each other (职工 finds 職工)';
  const wrapped = wrapHelp(line, 80).split('\n');
  expect(wrapped).toEqual(['  --variants      simplified and traditional Chinese match each other (职工', '                  finds 職工)']);
  for (const l of wrapped) expect(displayWidth(l)).toBeLessThanOrEqual(80);
});
