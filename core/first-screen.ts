/**
 * The library's first screen, kept from the last start and shown again by the
 * next one before its script has run (issue #12: the app interactive within
 * 300 ms of its start). As VS Code paints its last layout and a phone shows an
 * app's last screen while the app starts, the page the host serves carries the
 * markup the app itself rendered for its first screen the last time, taken
 * from its own DOM (src-renderer/lib/first-screen.ts), when that screen would
 * be the same now:
 *
 * - the same build (the markup's classes are this build's style sheet's), and
 * - the same first window of the list in the same order (the start answers'
 *   `library.columns`, previews' flags included), and
 * - the same window size (a CSS media query hides it otherwise: the list's
 *   rows and the top bar are laid out for the size they were taken at).
 *
 * The key below covers the first two. The kept screen lies over the app, hidden
 * from assistive technology, until the app's own first rows are in the page;
 * clicks, keys and typing made on it are handed to the app then.
 *
 * The markup comes from a request, so the host takes only what a first screen
 * is made of: a list of inert elements, closed in order, and attributes, no
 * script, style sheet, link, frame, form or URL of any kind, a style attribute
 * of names and lengths only (the page's CSP would refuse a script anyway; this
 * keeps out markup that navigates, loads, or escapes its wrapper).
 */

/** The id of the element holding the kept screen in the served page. */
export const FIRST_SCREEN_ID = 'broadsheet-first-screen';

/** The start answers block's attribute holding the key the page's first screen is kept under. */
export const FIRST_SCREEN_KEY_ATTRIBUTE = 'data-first-screen';

/** A kept screen is 14 KB at 1440 × 900; anything near this is not one. */
export const MAX_FIRST_SCREEN_BYTES = 256 * 1024;

/** What `app.keepFirstScreen` carries and the host keeps. */
export interface KeptFirstScreen {
  key: string;
  /** The app root's markup (`#app`'s inner HTML) as the first rows were shown. */
  html: string;
  /** The window's CSS size it was laid out for. */
  width: number;
  height: number;
}

const ELEMENTS = new Set([
  'div', 'span', 'section', 'header', 'footer', 'main', 'nav', 'aside', 'p', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li',
  'button', 'label', 'input', 'select', 'option', 'textarea', 'b', 'strong', 'i', 'em', 'small', 'kbd', 'time', 'abbr',
  'mark', 'svg', 'path', 'g', 'rect', 'circle', 'line', 'polyline', 'polygon',
]);
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'ping']);
/** The allowed elements the HTML parser never leaves open (no end tag). */
const VOID_ELEMENTS = new Set(['input']);
/** What a style attribute may hold: names, numbers, lengths, custom properties. No quote, slash, backslash or `&` (a character reference), so no URL. */
const PLAIN_STYLE = /^[\w\s:;.,%#()+*-]*$/;

/** Why this markup is not a first screen the host would serve, or null. */
export function firstScreenProblem(html: string): string | null {
  if (html.length > MAX_FIRST_SCREEN_BYTES) return `over ${MAX_FIRST_SCREEN_BYTES} characters`;
  for (const [, name, value] of html.matchAll(/[\s"'/]([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/g)) {
    const attr = name!.toLowerCase();
    if (attr.startsWith('on') || URL_ATTRIBUTES.has(attr)) return `holds a ${attr}= attribute`;
    if (attr === 'style' && !PLAIN_STYLE.test(value!.replace(/^(["'])(.*)\1$/s, '$2'))) return 'holds a style= attribute with more than names and lengths';
  }
  // Every place the HTML tokenizer could start or end an element: '<' or '</' and a letter. Text that only looks like
  // one is refused too. The elements must close in order, so that none of the markup can end up outside the element
  // the page wraps it in (and its aria-hidden and size rule).
  const open: string[] = [];
  for (const [, end, tag] of html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)/g)) {
    const name = tag!.toLowerCase();
    if (!ELEMENTS.has(name)) return `holds a <${tag}> element`;
    if (end) {
      if (open.pop() !== name) return `closes a <${name}> it did not open`;
    } else if (!VOID_ELEMENTS.has(name)) open.push(name);
  }
  if (open.length) return `leaves a <${open.at(-1)}> open`;
  return null;
}

/** index.html's font warm-up (app.css `.font-warm`), which a kept screen shown makes redundant. */
export const FONT_WARM_CLASS = 'font-warm';

/**
 * The kept screen as the served page carries it, after the app's root: shown
 * only in a window of the size it was laid out for. The markup must have
 * passed firstScreenProblem. Where it is shown, index.html's font warm-up is
 * not laid out: the kept screen looks up the fonts the app's first screen
 * uses, and the warm-up's others would be looked up in the same frame, the
 * one that draws the kept screen (each a synchronous round trip to the
 * browser process).
 */
export function firstScreenBlock(kept: Pick<KeptFirstScreen, 'html' | 'width' | 'height'>): string {
  const w = Math.trunc(kept.width), h = Math.trunc(kept.height);
  return (
    `<style>@media not all and (width: ${w}px) and (height: ${h}px) { #${FIRST_SCREEN_ID} { display: none } }` +
    ` @media (width: ${w}px) and (height: ${h}px) { .${FONT_WARM_CLASS} { display: none } }</style>` +
    `<div id="${FIRST_SCREEN_ID}" aria-hidden="true">${kept.html}</div>`
  );
}
