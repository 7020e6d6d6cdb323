import type { Plugin } from 'vite';

/**
 * The renderer's start-up style sheet, written into index.html as a <style>
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
export function inlineStartStyles(): Plugin {
  return {
    name: 'broadsheet:inline-start-styles',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        file.source = inlineStyleSheets(String(file.source), (href) => {
          const sheet = Object.values(bundle).find((f) => f.type === 'asset' && href.endsWith(`/${f.fileName}`));
          return sheet?.type === 'asset' ? String(sheet.source) : undefined;
        });
      }
    },
  };
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
