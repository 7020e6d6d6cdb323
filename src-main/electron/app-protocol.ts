import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../core/csp.ts';
import type { AppServices } from '../services/app-services.ts';
import { indexPageWithStartAnswers, isIndexPath, openingPage } from '../host/index-page.ts';
import { OPENING_REASON, type OpeningLibrary } from '../services/library-opening.ts';
import { preparePreview, previewCaching, previewRequest } from '../previews/preview-route.ts';
import { statSync } from 'node:fs';
import { resolveBundlePath, resolveRequestPath } from '../services/resolve-request-path.ts';
import { RENDERER_DIR } from '../services/paths.ts';
import { APP_ORIGIN, APP_SCHEME, isAppUrl } from './ipc-channels.ts';

/**
 * Must run before app is ready: a standard, secure scheme gets a real origin, so 'self' in the CSP means us.
 * codeCache: V8 keeps the compiled start-up script between launches (Chromium does so only for http(s) unless asked).
 */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain' } });
}

/**
 * Serves the renderer bundle and library originals; every path is validated, nothing outside either root is reachable.
 * While the library opens (services/library-opening.ts) the page says how far that is, and originals are refused.
 */
export function registerAppProtocol(source: AppServices | OpeningLibrary): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (!isAppUrl(request.url)) return refuse(404, 'unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const rawPath = request.url.slice(APP_ORIGIN.length).split(/[?#]/)[0] || '/';
    const services = 'ready' in source ? source.services() : source;
    if (!services && rawPath.startsWith('/files/')) return refuse(503, OPENING_REASON);
    if (services) await preparePreview(services.previews, rawPath);
    const target = services ? resolveRequestPath(services.store, RENDERER_DIR, rawPath, services.previews) : resolveBundlePath(RENDERER_DIR, rawPath);
    if (!target) return refuse(404, 'not found');
    // The page carries the settings and the list's first window, as the browser host's does: no start-up round trips.
    const page = () => (services ? indexPageWithStartAnswers(target.path, services) : openingPage(target.path, source as OpeningLibrary));
    const response = isIndexPath(rawPath)
      ? new Response(request.method === 'HEAD' ? null : await page())
      : await net.fetch(pathToFileURL(target.path).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('content-type', target.type);
    // As the browser host does (src-main/host/server.ts): a preview is kept, not asked for again by each place showing it.
    if (previewRequest(rawPath)) {
      const stat = statSync(target.path);
      for (const [name, value] of Object.entries(previewCaching(target.path, stat.size, stat.mtimeMs))) headers.set(name, value);
    }
    return new Response(response.body, { status: response.status, headers });
  });
}
