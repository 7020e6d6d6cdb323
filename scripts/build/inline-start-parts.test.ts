import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineEarlyScript, inlineStyleSheets, sha256 } from './inline-start-parts.ts';
import { CONTENT_SECURITY_POLICY, FIRST_SCREEN_INPUT_SHA256 } from '../../core/csp.ts';

const sheets: Record<string, string> = {
  './assets/index-A1.css': ':root{--ink:#1f1d1a}body{color:var(--ink)}\n',
  './assets/font-B2.css': '@font-face{font-family:x;src:url(./x.woff2)}',
  './assets/odd-C3.css': 'p::after{content:"</style><script>"}',
  './assets/icon-D4.css': 'i{background:url("data:image/svg+xml,%3Csvg%3E")}',
};
const read = (href: string) => sheets[href];
const link = (href: string) => `<link rel="stylesheet" crossorigin href="${href}">`;

describe('inlineStyleSheets', () => {
  it('writes a style sheet the page links into the page, exactly', () => {
    const html = `<head>\n    <script type="module" crossorigin src="./assets/index-A1.js"></script>\n    ${link('./assets/index-A1.css')}\n  </head>`;
    expect(inlineStyleSheets(html, read)).toBe(
      `<head>\n    <script type="module" crossorigin src="./assets/index-A1.js"></script>\n    <style>:root{--ink:#1f1d1a}body{color:var(--ink)}</style>\n  </head>`,
    );
  });

  it('leaves a link where the sheet names a relative url() (it would resolve against the page, not assets/)', () => {
    expect(inlineStyleSheets(link('./assets/font-B2.css'), read)).toBe(link('./assets/font-B2.css'));
  });

  it('inlines a sheet whose only url() is data:', () => {
    expect(inlineStyleSheets(link('./assets/icon-D4.css'), read)).toBe(`<style>${sheets['./assets/icon-D4.css']}</style>`);
  });

  it('leaves a link where the sheet holds text that would end the <style> early', () => {
    expect(inlineStyleSheets(link('./assets/odd-C3.css'), read)).toBe(link('./assets/odd-C3.css'));
  });

  it('leaves a link to a sheet the build does not hold', () => {
    expect(inlineStyleSheets(link('./assets/gone.css'), read)).toBe(link('./assets/gone.css'));
  });
});

describe('inlineEarlyScript', () => {
  const page = (src: string) =>
    `<meta\n      http-equiv="Content-Security-Policy"\n      content="default-src 'none'; script-src 'self'; style-src 'self'"\n    />\n    <script async src="${src}"></script>\n    <script type="module" crossorigin src="./assets/index-A1.js"></script>`;
  const code = "(() => { performance.mark('early'); })();\n";
  const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`;

  it('runs the script in the page, and lets the CSP allow that one inline script by its hash', () => {
    expect(inlineEarlyScript(page('./early.js'), 'early.js', code)).toBe(
      `<meta\n      http-equiv="Content-Security-Policy"\n      content="default-src 'none'; script-src 'self' ${hash}; style-src 'self'"\n    />\n    <script>${code}</script>\n    <script type="module" crossorigin src="./assets/index-A1.js"></script>`,
    );
    expect(inlineEarlyScript(page('/early.js'), 'early.js', code)).toContain(`<script>${code}</script>`);
  });

  it("is first-screen-input.js, whose hash both hosts' CSP header allows", () => {
    const early = readFileSync(resolve(import.meta.dirname, '..', '..', 'src-renderer', 'public', 'first-screen-input.js'), 'utf8');
    expect(sha256(early)).toBe(FIRST_SCREEN_INPUT_SHA256);
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src 'self' 'sha256-${FIRST_SCREEN_INPUT_SHA256}';`);
  });

  it('refuses to build a page without it, or whose CSP it cannot add its hash to', () => {
    expect(() => inlineEarlyScript(page('./other.js'), 'early.js', code)).toThrow(/does not load early\.js/);
    expect(() => inlineEarlyScript(page('./early.js').replace("script-src 'self'", "script-src 'none'"), 'early.js', code)).toThrow(/no script-src 'self'/);
    expect(() => inlineEarlyScript(page('./early.js'), 'early.js', 'x("</script>")')).toThrow(/<\/script/);
  });
});
