import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { decodeEnvelope, ENVELOPE_TYPE } from '../../core/bridge-envelope.ts';
import { dispatch, isRequestName } from '../../core/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../core/csp.ts';
import type { AppServices } from '../services/app-services.ts';
import { preparePreview, previewCaching, previewRequest } from '../previews/preview-route.ts';
import { resolveBundlePath, resolveRequestPath } from '../services/resolve-request-path.ts';
import { COOKIE, isAuthorised, isOwnHost, newToken } from './auth.ts';
import { clientErrorReply } from './client-error.ts';
import { foreground } from '../services/foreground.ts';
import { HOST_LIMITS, type HostLimits } from './host-limits.ts';
import { isIndexPath, openingPage, sendIndexPage, startAnswers } from './index-page.ts';
import { answeredWhileOpening, dispatchWhileOpening, OPENING_REASON, openingReply, type OpeningLibrary } from '../services/library-opening.ts';

/**
 * The browser host: the built renderer and the contract over HTTP and a
 * WebSocket, on 127.0.0.1 only, behind a per-start random token. It is how
 * the app runs without the Electron binary and what the e2e tests drive.
 */


export interface HostOptions {
  /**
   * The services, or a library still opening (services/library-opening.ts): until it is open the page says how far
   * that is, and every request that needs the library is refused with a 503 saying why.
   */
  services: AppServices | OpeningLibrary;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Overrides of the connection and body limits (tests use small ones). */
  limits?: Partial<HostLimits>;
}

export interface RunningHost {
  server: Server;
  port: number;
  token: string;
  /** Where the app lives after the first visit: the session cookie is scoped to this path. */
  sessionPath: string;
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * No Cross-Origin-Opener-Policy: it severs the app from windows of other
 * origins that opened it or that it opens, and the app opens none, while no
 * other page can open it without its secret session path. It is not needed
 * for isolation either (no SharedArrayBuffer in the renderer; without COEP it
 * would not isolate anyway). What it cost: its first navigation always moved
 * to a new browsing context group, so Chromium started a fresh renderer
 * process for the page instead of using the tab's own. Electron sends none
 * (its window opens nothing: main-window.ts denies window.open).
 */
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > max) return; // already refused: the rest is drained unread until the connection closes
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A reply that refuses the rest of a request: sent, then the connection is closed so the client can read it. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, connection: 'close' });
  res.end(body, () => setTimeout(() => req.socket.destroy(), 200).unref());
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  const { rendererDir } = opts;
  const source = opts.services;
  const events = source.events;
  const opened = (): AppServices | null => ('ready' in source ? source.services() : source);
  const limits: HostLimits = { ...HOST_LIMITS, ...opts.limits };
  let port = opts.port ?? 0;
  // The app is served under a random path the token cookie is scoped to, so browsers send it to no other
  // local service (cookies ignore ports) and no other path of this one. The path alone grants nothing.
  const sessionPath = `/s/${randomBytes(12).toString('base64url')}`;
  const busy = new WeakSet<Socket>();

  const server = createServer(async (req, res) => {
    busy.add(req.socket);
    // Background catch-ups wait while the app is being answered (services/foreground.ts).
    const answered = foreground.begin();
    res.once('close', () => {
      busy.delete(req.socket);
      answered();
    });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(res, 400, 'bad request');
    }
    if (!isOwnHost(req, port)) return send(res, 403, 'forbidden host or origin');
    if (!isAuthorised(req, url, token)) return send(res, 401, 'unauthorised: open the URL printed by broadsheet serve');
    // Path checks run on the raw request target: URL() already collapsed "..".
    let rawPath = (req.url ?? '/').split('?')[0];
    if (rawPath === sessionPath) rawPath = '/';
    else if (rawPath.startsWith(sessionPath + '/')) rawPath = rawPath.slice(sessionPath.length);
    else if (url.searchParams.has('token') && req.method === 'GET') {
      // First visit with the printed URL: trade the token in the address bar (and history) for a cookie
      // scoped to the session path, and move there. rawPath is only ever appended to our own prefix.
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        location: `${sessionPath}${rawPath.startsWith('/') && !rawPath.startsWith('//') ? rawPath : '/'}`,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=${sessionPath}/`,
      });
      return res.end();
    }

    // Null while the library opens (an older one is backed up and updated first): the page says how far it is.
    const services = opened();
    try {
      if (rawPath.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'use POST');
        let name: string;
        try {
          name = decodeURIComponent(rawPath.slice(5));
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: 'malformed request name' }), 'application/json');
        }
        if (!isRequestName(name)) return send(res, 404, JSON.stringify({ ok: false, error: `unknown request ${name.slice(0, 60)}` }), 'application/json');
        // Refused before its body is read: whatever it holds waits for no library. The one question that needs none
        // (is it open yet?) is answered, from a body that is small or refused.
        if (!services && !answeredWhileOpening(name)) return refuse(req, res, 503, JSON.stringify(openingReply(name)), 'application/json');
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > limits.maxBody) return refuse(req, res, 413, `request body too large (limit ${limits.maxBody} bytes)`);
        // File bytes come as a binary envelope (core/bridge-envelope.ts), everything else as JSON.
        const envelope = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === ENVELOPE_TYPE;
        let body: Buffer;
        try {
          body = await readBody(req, limits.maxBody);
        } catch (err) {
          if (err instanceof BodyTooLarge) return refuse(req, res, 413, `request body too large (limit ${limits.maxBody} bytes)`);
          throw err;
        }
        let params: unknown;
        try {
          params = envelope ? decodeEnvelope(body) : JSON.parse(body.toString('utf8') || '{}');
        } catch (err) {
          const what = envelope ? 'bad envelope' : 'body is not JSON';
          return send(res, 400, JSON.stringify({ ok: false, error: `${name}: ${what} (${(err as Error).message.split('\n')[0]})` }), 'application/json');
        }
        const reply = services ? await dispatch(services.handlers, name, params) : await dispatchWhileOpening(name, params);
        return send(res, 200, JSON.stringify(reply), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      // Originals and their previews are the library's: none to serve before it is open.
      if (!services && rawPath.startsWith('/files/')) return send(res, 503, OPENING_REASON);
      if (services) await preparePreview(services.previews, rawPath);
      const target = services ? resolveRequestPath(services.store, rendererDir, rawPath, services.previews) : resolveBundlePath(rendererDir, rawPath);
      if (!target) return send(res, 404, 'not found');
      if (isIndexPath(rawPath)) {
        // The page carries the answers its first screen waits on (core/start-answers.ts): no length known up front.
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': target.type });
        if (req.method === 'HEAD') return res.end();
        return services ? await sendIndexPage(res, target.path, services) : res.end(openingPage(target.path, source as OpeningLibrary));
      }
      const stat = statSync(target.path);
      const headers: Record<string, string | number> = { ...SECURITY_HEADERS, 'content-type': target.type, 'content-length': stat.size };
      if (previewRequest(rawPath)) {
        Object.assign(headers, previewCaching(target.path, stat.size, stat.mtimeMs));
        if (req.headers['if-none-match'] === headers.etag) {
          delete headers['content-length'];
          res.writeHead(304, headers);
          return res.end();
        }
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return res.end();
      createReadStream(target.path).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, `internal error: ${(err as Error).message}`);
      else res.destroy();
    }
  });
  // Bounded sockets: a cap on connections, and idle ones closed. A request being answered is never cut
  // (an import may take minutes); a socket that sends nothing, or idles between requests, is.
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.setTimeout(limits.idleTimeoutMs, (socket) => {
    if (!busy.has(socket)) socket.destroy();
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end(clientErrorReply(err));
    else socket.destroy();
  });

  // Events flow one way, so a client never needs to send more than a close frame.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxWebSocketPayload });
  sockets.on('error', () => {});
  server.on('upgrade', (req, socket, head) => {
    // Nothing here may throw: an exception in this handler would take the whole host down.
    socket.on('error', () => socket.destroy());
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
        return;
      }
      const path = url.pathname;
      if ((path !== '/events' && path !== `${sessionPath}/events`) || !isOwnHost(req, port) || !isAuthorised(req, url, token)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
        return;
      }
      if (sockets.clients.size >= limits.maxWebSockets) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => {
        // An oversize or malformed frame is an 'error' on this client: close it, never crash the host.
        ws.on('error', () => ws.terminate());
        // ?since=N: the last event the page has seen (or the number the page it was served carried); the ones
        // after it were sent while it had no socket (before its first frame, or while it reconnected).
        const since = url.searchParams.get('since');
        const unsubscribe = events.subscribe(
          (event, payload, seq) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload, seq }));
          },
          since !== null && /^\d{1,15}$/.test(since) ? Number(since) : undefined,
        );
        ws.on('close', unsubscribe);
        ws.on('message', () => {});
      });
    } catch {
      socket.destroy();
    }
  });

  // The page's start answers once before the first visit: the first reading prepares the statements, pages in the
  // library's first rows and compiles the code, on the thread that must answer the page and its script at once.
  const services = opened();
  if (services) await startAnswers(services.handlers);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    sessionPath,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
