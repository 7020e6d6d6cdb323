/**
 * The first words of a paragraph, so a photo's links can be told apart ("The council met on Tuesday to hear …"
 * rather than two links both reading "page 2"). Chinese prints no spaces, so a run without them counts at most
 * `runChars` characters: a CJK paragraph gives a short phrase, not its whole first line.
 */
export function paragraphSnippet(text: string, words = 8, runChars = 20): string {
  const all = text.split(/\s+/).filter(Boolean);
  let cut = all.length > words;
  const kept = all.slice(0, words).map((w) => {
    const chars = [...w];
    if (chars.length <= runChars) return w;
    cut = true;
    return chars.slice(0, runChars).join('');
  });
  // Within a run the ellipsis follows the last character; after a whole word it stands apart, as the word ended.
  const last = all[kept.length - 1];
  return kept.join(' ') + (!cut ? '' : kept.at(-1) === last ? ' …' : '…');
}
