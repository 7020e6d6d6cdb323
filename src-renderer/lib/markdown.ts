import MarkdownIt from 'markdown-it';

/**
 * Notes are Markdown, rendered with markdown-it in a safe subset: raw HTML is
 * escaped (html: false), and links and images are off, so a note can neither
 * run script nor make the app fetch from or navigate to another host (the
 * app is offline). What is left — emphasis, lists, quotes, code, headings,
 * tables — is plain structure.
 */
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
md.disable(['link', 'image', 'autolink', 'linkify', 'reference']);

export function renderNote(markdown: string): string {
  return md.render(markdown);
}
