import type MarkdownIt from 'markdown-it';
import { createSubscriber } from 'svelte/reactivity';

/**
 * Notes are Markdown, rendered with markdown-it in a safe subset: raw HTML is
 * escaped (html: false), and links and images are off, so a note can neither
 * run script nor make the app fetch from or navigate to another host (the
 * app is offline). What is left — emphasis, lists, quotes, code, headings,
 * tables — is plain structure.
 *
 * markdown-it (with its entity tables, a sixth of the start-up script) loads
 * on first use, in its own chunk; until it has, a note is shown as escaped
 * text, and drawn again as Markdown when it arrives (renderNote reads
 * a subscriber that fires then, so the components that call it re-run).
 */
let md: MarkdownIt | null = null;
let loading: Promise<void> | null = null;
let loaded: (() => void) | null = null;
const watchLoad = createSubscriber((update) => {
  loaded = update;
  return () => (loaded = null);
});

export function loadMarkdown(): Promise<void> {
  return (loading ??= import('markdown-it').then(({ default: Markdown }) => {
    const it = new Markdown('default', { html: false, linkify: false, typographer: false });
    it.disable(['link', 'image', 'autolink', 'linkify', 'reference']);
    md = it;
    loaded?.();
  }));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderNote(markdown: string): string {
  if (!md) {
    watchLoad();
    void loadMarkdown();
    return markdown ? `<p>${escapeHtml(markdown).replace(/\n/g, '<br>\n')}</p>\n` : '';
  }
  return md.render(markdown);
}
