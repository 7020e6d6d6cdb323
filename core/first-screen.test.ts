import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ID, FONT_WARM_CLASS, firstScreenBlock, firstScreenProblem, MAX_FIRST_SCREEN_BYTES } from './first-screen.ts';

// The shape of the app's own first screen (a trimmed copy of #app's markup at 1440 × 900): what must be taken.
const APP_MARKUP =
  '<div class="app svelte-1l9w94y" style="--page-fraction: 0.45;"><header class="topbar svelte-1l9w94y"><div class="brand"><span class="mark" aria-hidden="true">B</span>Broadsheet</div> ' +
  '<section class="searchbar" aria-label="Search"><input class="search" type="search" aria-label="Search" aria-describedby="search-hint" autocomplete="off" spellcheck="false" placeholder="Search the archive   /"><!----></section></header>' +
  '<div class="workspace"><section class="library" aria-labelledby="library-heading"><h2 id="library-heading">Library</h2><span class="count" aria-live="polite">10000 · loading…</span>' +
  '<input class="sr-only" type="file" webkitdirectory="" aria-label="Import a folder" tabindex="-1" multiple="" accept=".pdf">' +
  '<label>Sort <select><option value="date" selected="">Date</option><option value="title">Title</option></select></label>' +
  '<ul aria-label="Documents" role="list"><li aria-setsize="10000" aria-posinset="1"><button type="button" class="doc"><span class="thumb" style="width: 44px;" aria-hidden="true">' +
  '<svg viewBox="0 0 24 24" class="glyph"><path d="M6 3h9l4 4v14H6z"></path></svg></span><span class="info"><span class="paper" elementtiming="library-row" title="x">THE BENCH COURIER</span>' +
  '<span class="meta">1880-01-01 · p. 1</span></span></button></li></ul></section><main><p class="empty">Choose a document from the library.</p></main></div></div>';

describe('a first screen the host will keep and serve', () => {
  it("takes the app's own markup: its elements, attributes, comments and text", () => {
    expect(firstScreenProblem(APP_MARKUP)).toBeNull();
    expect(firstScreenProblem('')).toBeNull();
  });

  it('refuses anything that runs, loads, navigates or styles the page, in any case or spelling', () => {
    const refused: Array<[string, string]> = [
      ['<div><script>alert(1)</script></div>', 'holds a <script> element'],
      ['<SCRIPT>x()</SCRIPT>', 'holds a <SCRIPT> element'],
      ['<SCRIPT src="./x.js"></SCRIPT>', 'holds a src= attribute'],
      ['<style>body{display:none}</style>', 'holds a <style> element'],
      ['<link rel="stylesheet" href="x.css">', 'holds a href= attribute'],
      ['<link rel="stylesheet">', 'holds a <link> element'],
      ['<meta http-equiv="refresh" content="0;url=https://example.org/">', 'holds a <meta> element'],
      ['<iframe></iframe>', 'holds a <iframe> element'],
      ['<form><button>b</button></form>', 'holds a <form> element'],
      ['<a>x</a>', 'holds a <a> element'],
      ['<img alt="">', 'holds a <img> element'],
      ['<svg><foreignObject></foreignObject></svg>', 'holds a <foreignObject> element'],
      ['<button onclick="x()">b</button>', 'holds a onclick= attribute'],
      ['<svg/onload=x()>', 'holds a onload= attribute'],
      ['<div\tONMOUSEOVER = "x()">', 'holds a onmouseover= attribute'],
      ['<svg><path xlink:href="#x"></path></svg>', 'holds a xlink:href= attribute'],
      ['<button formaction="https://example.org/">b</button>', 'holds a formaction= attribute'],
      ['<div style="background:url(http://example.org/x)">x</div>', 'holds a style= attribute with more than names and lengths'],
      ['<div style="background:url(&#47;&#47;example.org)">x</div>', 'holds a style= attribute with more than names and lengths'],
      ["<div style='background:image-set(\"x.png\" 1x)'>x</div>", 'holds a style= attribute with more than names and lengths'],
    ];
    for (const [html, why] of refused) expect(firstScreenProblem(html), html).toBe(why);
    expect(firstScreenProblem(`<div>${'x'.repeat(MAX_FIRST_SCREEN_BYTES)}</div>`)).toBe(`over ${MAX_FIRST_SCREEN_BYTES} characters`);
  });

  it('refuses markup that would close the element the page wraps it in, or leave one of its own open', () => {
    // Served inside <div id="broadsheet-first-screen" aria-hidden="true">: an extra </div> would put what follows over
    // the app, outside the wrapper's aria-hidden and size rule, for good.
    expect(firstScreenProblem('<p>x</p></div><div class="cover">y</div>')).toBe('closes a <div> it did not open');
    expect(firstScreenProblem('<div><span>x</div></span>')).toBe('closes a <div> it did not open');
    expect(firstScreenProblem('<div><!-- </div> --></div>')).toBe('closes a <div> it did not open');
    expect(firstScreenProblem('<div><p>x</p>')).toBe('leaves a <div> open');
    expect(firstScreenProblem('<svg><path d="M0 0"/></svg>')).toBe('closes a <svg> it did not open');
    expect(firstScreenProblem('<label>x <input type="search" value=""></label><!---->')).toBeNull();
  });

  it('is served in a window of the size it was laid out for only, and there takes the font warm-up out', () => {
    expect(firstScreenBlock({ html: '<p>x</p>', width: 1440, height: 900 })).toBe(
      `<style>@media not all and (width: 1440px) and (height: 900px) { #${FIRST_SCREEN_ID} { display: none } }` +
        ` @media (width: 1440px) and (height: 900px) { .font-warm { display: none } }</style><div id="${FIRST_SCREEN_ID}" aria-hidden="true"><p>x</p></div>`,
    );
  });

  it("names index.html's font warm-up by its class", () => {
    const index = readFileSync(new URL('../src-renderer/index.html', import.meta.url), 'utf8');
    expect(index).toContain(`<div class="${FONT_WARM_CLASS}" aria-hidden="true">`);
  });

  it('is looked for by the same id in the script that notes clicks and keys on it before the app has loaded', () => {
    const script = readFileSync(new URL('../src-renderer/public/first-screen-input.js', import.meta.url), 'utf8');
    expect(script).toContain(`const ID = '${FIRST_SCREEN_ID}';`);
  });
});
