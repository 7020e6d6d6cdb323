import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { dispatch, isRequestName } from '../../core/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../core/csp.ts';
import type { AppServices } from '../services/app-services.ts';
import { resolveRequestPath } from '../services/resolve-request-path.ts';
import { COOKIE, isAuthorised, isOwnHost, newToken } from './auth.ts';

/**
 * The browser host: the built renderer and the contract over HTTP and a
 * WebSocket, on 127.0.0.1 only, behind a per-start random token. It is how
 * the app runs without the Electron binary and what the e2e tests drive.
 */


/** Largest request body: the contract's import limit in base64, plus JSON framing. */
const MAX_BODY = 360 * 1024 * 1024;

export interface HostOptions {
  services: AppServices;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  const { services, rendererDir } = opts;
  let port = opts.port ?? 0;

  const server = createServer(async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(res, 400, 'bad request');
    }
    if (!isOwnHost(req, port)) return send(res, 403, 'forbidden host or origin');
    if (!isAuthorised(req, url, token)) return send(res, 401, 'unauthorised: open the URL printed by broadsheet serve');
    // Path checks run on the raw request target: URL() already collapsed "..".
    const rawPath = (req.url ?? '/').split('?')[0];

    try {
      if (rawPath.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'use POST');
        const name = decodeURIComponent(rawPath.slice(5));
        if (!isRequestName(name)) return send(res, 404, JSON.stringify({ ok: false, error: `unknown request ${name.slice(0, 60)}` }), 'application/json');
        let params: unknown;
        try {
          params = JSON.parse((await readBody(req)) || '{}');
        } catch (err) {
          return send(res, 400, JSON.stringify({ ok: false, error: `${name}: body is not JSON (${(err as Error).message})` }), 'application/json');
        }
        const reply = await dispatch(services.handlers, name, params);
        return send(res, 200, JSON.stringify(reply), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      const target = resolveRequestPath(services.store, rendererDir, rawPath);
      if (!target) return send(res, 404, 'not found');
      const headers: Record<string, string | number> = { ...SECURITY_HEADERS, 'content-type': target.type, 'content-length': statSync(target.path).size };
      if (url.searchParams.has('token')) {
        headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return res.end();
      createReadStream(target.path).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, `internal error: ${(err as Error).message}`);
      else res.destroy();
    }
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !isOwnHost(req, port) || !isAuthorised(req, url, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = services.events.subscribe((event, payload) => ws.send(JSON.stringify({ event, payload })));
      ws.on('close', unsubscribe);
      // Events flow one way; anything the page sends is ignored.
      ws.on('message', () => {});
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
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
