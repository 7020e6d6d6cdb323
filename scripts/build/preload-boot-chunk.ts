import type { Plugin } from 'vite';

/**
 * Vite plugin: index.html gets a `<link rel="modulepreload">` for the chunk
 * of `entry` (a module the entry script imports dynamically, so the entry
 * stays small and runs at once), and a stylesheet link for that chunk's CSS.
 * The browser then fetches and compiles the app while the entry's first
 * requests are on their way, instead of after the entry has run.
 */
export function preloadBootChunk(entry: string): Plugin {
  return {
    name: 'broadsheet:preload-boot-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId === entry);
        if (!chunk || chunk.type !== 'chunk') throw new Error(`preload-boot-chunk: no chunk for ${entry} in the bundle`);
        const bundle = ctx.bundle ?? {};
        const css = [chunk, ...chunk.imports.map((f) => bundle[f])].flatMap((c) => (c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : []));
        // The chunk and what it imports statically, but the entry itself (index.html's own script).
        const entries = new Set(Object.values(bundle).flatMap((c) => (c.type === 'chunk' && c.isEntry ? [c.fileName] : [])));
        const modules = [chunk.fileName, ...chunk.imports.filter((f) => !entries.has(f) && !html.includes(`/${f}"`))];
        return [
          ...modules.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
          ...[...new Set(css)].filter((f) => !html.includes(`/${f}"`)).map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}
