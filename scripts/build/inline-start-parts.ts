import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { FIRST_SCREEN_INPUT_SHA256 } from '../../core/csp.ts';

/**
 * The renderer's start-up style sheet, and the small script that must run
 * before its first frame (inlineEarlyScript), written into index.html as a <style>
 * instead of a <link>. Nothing is drawn before it is in (a style sheet in the
 * head blocks the first frame), and as a file it was asked for only once the
 * page had been parsed that far, then waited behind the start-up script on the
 * same host: 40–80 ms with the first screen kept from the last start ready to
 * be drawn (bench/library-cold-start.ts). The page's CSP already allows inline
 * style (Svelte's transitions need it).
 *
 * Only a sheet that cannot end the <style> early and names no relative url()
 * (which would then resolve against the page, not assets/) is inlined; any
 * other stays a link. The file itself stays in the build for anything that
 * names it.
 */
export function inlineStartParts(publicDir: string): Plugin {
  return {
    name: 'broadsheet:inline-start-parts',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const styled = inlineStyleSheets(String(file.source), (href) => {
          const sheet = Object.values(bundle).find((f) => f.type === 'asset' && href.endsWith(`/${f.fileName}`));
          return sheet?.type === 'asset' ? String(sheet.source) : undefined;
        });
        const early = readFileSync(join(publicDir, FIRST_SCREEN_INPUT), 'utf8');
        // Both hosts send core/csp.ts's policy as a header too, and a page obeys both: the hash must be that one.
        const hash = sha256(early);
        if (hash !== FIRST_SCREEN_INPUT_SHA256) throw new Error(`inline-start-parts: ${FIRST_SCREEN_INPUT} changed: set FIRST_SCREEN_INPUT_SHA256 in core/csp.ts to '${hash}'`);
        file.source = inlineEarlyScript(styled, FIRST_SCREEN_INPUT, early);
      }
    },
  };
}

/** SHA-256 of the text, base64, as a CSP hash source names it. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

/** public/first-screen-input.js: notes clicks and keys on the first screen kept from the last start (core/first-screen.ts). */
export const FIRST_SCREEN_INPUT = 'first-screen-input.js';

/**
 * `html` with `<script async src="/NAME">` (or `./NAME`) replaced by the script itself, and
 * its hash added to the page's CSP (`script-src`), which allows no other
 * inline script. The kept first screen is drawn as soon as the page's tail is
 * parsed; fetched beside the start-up script, the script that notes clicks
 * and keys on it came in after that in some loads, and what was clicked or
 * typed until then was lost (the new-user walk clicked a row that never
 * opened). Inline, it has run before anything is drawn. Throws if the page
 * does not name the script or has no script-src to add the hash to: the kept
 * screen must not be served without it.
 */
export function inlineEarlyScript(html: string, name: string, code: string): string {
  // The page names it from the root; the build's base ('./') makes that relative.
  const tag = new RegExp(`<script async src="\\.?/${name.replace(/[.]/g, '\\.')}"></script>`);
  if (!tag.test(html)) throw new Error(`inline-start-parts: index.html does not load ${name} as <script async src="/${name}">`);
  if (/<\/script/i.test(code)) throw new Error(`inline-start-parts: ${name} holds "</script"`);
  const hash = `'sha256-${sha256(code)}'`;
  const csp = /(http-equiv="Content-Security-Policy"\s+content="[^"]*script-src 'self')/;
  if (!csp.test(html)) throw new Error("inline-start-parts: index.html's CSP has no script-src 'self' to add the script's hash to");
  return html.replace(csp, `$1 ${hash}`).replace(tag, () => `<script>${code}</script>`);
}

const LINK = /<link rel="stylesheet"(?: crossorigin)? href="([^"]+\.css)">/g;

/** `html` with each stylesheet link whose sheet `read` gives, and that is safe to move, replaced by its text. */
export function inlineStyleSheets(html: string, read: (href: string) => string | undefined): string {
  return html.replace(LINK, (link, href: string) => {
    const css = read(href);
    if (css === undefined || /<\/style/i.test(css) || /url\(\s*['"]?(?!data:|#)[^)'"]/i.test(css)) return link;
    return `<style>${css.trimEnd()}</style>`;
  });
}
