/**
 * Help text that fits the terminal: lines longer than the width are broken
 * between words, and their continuation lines hang under the column the
 * line's text starts in (the description column of an option or command
 * list, found as the first gap of two or more spaces), else under the line's
 * own indent (a paragraph: an unindented one, such as a command's description
 * or the help's closing note, stays flush left), and four spaces in for a
 * usage line (`Usage: …`), so its continuation is not read as a new line.
 * Piped output, where there is no terminal to measure, is wrapped at 80.
 */
export const DEFAULT_HELP_WIDTH = 80;
/** A description column narrower than this is not worth hanging under. */
const MIN_TEXT = 24;

// East Asian wide and fullwidth characters take two terminal columns (UAX #11): 职工 is four columns wide.
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/** Columns a string takes in a terminal. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const c of s) n += WIDE.test(c) ? 2 : 1;
  return n;
}

export function helpWidth(columns: number | undefined): number {
  return columns && columns >= 40 ? columns : DEFAULT_HELP_WIDTH;
}

/** `hang`: where continuation lines start, instead of the column found. */
export function wrapHelp(text: string, width = DEFAULT_HELP_WIDTH, hang?: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width, hang))
    .join('\n');
}

function wrapLine(line: string, width: number, given?: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0].length;
  const gap = /\S( {2,})(?=\S)/.exec(line);
  const found = gap ? gap.index + 1 + gap[1].length : -1;
  const column = given === undefined && width - found >= MIN_TEXT ? found : -1;
  const hang = given ?? (column > 0 ? column : lead || (/^Usage:/.test(line) ? 4 : 0));
  // The first line keeps its own layout up to the column; only the words after it are re-flowed.
  const head = column > 0 && hang === column ? line.slice(0, column) : ' '.repeat(lead);
  const words = (column > 0 && hang === column ? line.slice(column) : line.slice(lead)).split(/ +/).filter(Boolean);
  const out: string[] = [];
  let current = head;
  let used = displayWidth(head);
  let fresh = true;
  for (const word of words) {
    const w = displayWidth(word);
    if (!fresh && used + 1 + w > width) {
      out.push(current);
      current = ' '.repeat(hang) + word;
      used = hang + w;
    } else {
      current += (fresh ? '' : ' ') + word;
      used += (fresh ? 0 : 1) + w;
    }
    fresh = false;
  }
  out.push(current);
  return out;
}

/**
 * A two-column list ("  usage   summary"): side by side when the widest left
 * cell leaves room for the summaries, otherwise each summary on its own line
 * under its entry.
 */
export function twoColumns(rows: ReadonlyArray<[string, string]>, width = DEFAULT_HELP_WIDTH, indent = 2): string {
  const left = Math.max(...rows.map(([l]) => l.length));
  if (indent + left + 3 + MIN_TEXT <= width) return rows.map(([l, r]) => wrapHelp(`${' '.repeat(indent)}${l.padEnd(left)}   ${r}`, width)).join('\n');
  // A long entry's continuation hangs deeper than its summary, so the two never read as one.
  return rows.map(([l, r]) => `${wrapHelp(' '.repeat(indent) + l, width, indent + 8)}\n${wrapHelp(' '.repeat(indent + 4) + r, width)}`).join('\n');
}
