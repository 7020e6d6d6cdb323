import { extname } from 'node:path';
import { resolveUnder } from '../host/safe-path.ts';
import type { LibraryStore } from '../library/library-store.ts';
import { previewRequest } from '../previews/preview-route.ts';
import type { PreviewService } from '../previews/preview-service.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.icc': 'application/vnd.iccprofile',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/**
 * What a request path may reach, for both hosts (Electron's app:// protocol
 * and the browser host): a library original by its SHA-256 id under /files/,
 * a page preview made from one (files/<id>/preview/<page>), or a file of
 * the renderer bundle. Anything else, and any path that would
 * leave either root, is null.
 */
export function resolveRequestPath(store: LibraryStore, rendererDir: string, rawPath: string, previews?: PreviewService): { path: string; type: string } | null {
  // A page preview of a library document (previews/preview-route.ts), once made.
  const preview = previewRequest(rawPath);
  if (preview) {
    const doc = store.get(preview.id);
    const path = doc && preview.page <= doc.pageCount ? (previews?.readyPath(preview.id, preview.page) ?? null) : null;
    return path ? { path, type: 'image/jpeg' } : null;
  }
  if (rawPath.startsWith('/files/')) {
    const id = rawPath.slice('/files/'.length);
    // Only the originals of documents in the library: leftovers of a failed import are not served.
    const doc = store.get(id);
    const path = doc ? store.objectPath(id) : null;
    if (!doc || !path) return null;
    return { path, type: doc.kind === 'text' ? 'text/plain; charset=utf-8' : 'application/pdf' };
  }
  return resolveBundlePath(rendererDir, rawPath);
}

/** A file of the renderer bundle, or null: all a host serves before the library is open (services/library-opening.ts). */
export function resolveBundlePath(rendererDir: string, rawPath: string): { path: string; type: string } | null {
  const path = resolveUnder(rendererDir, rawPath === '/' ? '/index.html' : rawPath);
  return path ? { path, type: MIME[extname(path)] ?? 'application/octet-stream' } : null;
}
