/**
 * What a correction's text may be. A block's text may hold line breaks: a heading keeps each printed line on its own
 * (core/layout/join.ts), so the editor must show and save them as they are, and a heading whose text was saved
 * without an edit is no correction at all. Blank lines and carriage returns it may not hold: the page text joins
 * blocks with "\n" and an article joins them with a blank line, so either would read as a new block.
 */
export function correctionProblem(current: string, text: string): string | null {
  if (text === current) return 'the text is unchanged';
  if (/\r/.test(text)) return 'a block holds no carriage returns (line breaks are "\\n")';
  if (/^\n|\n$|\n[^\S\n]*\n/.test(text)) return 'a block is one paragraph: no blank lines, and none at its start or end (the page text joins blocks with them)';
  return null;
}
