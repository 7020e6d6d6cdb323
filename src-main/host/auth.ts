import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'broadsheet_token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token may come as ?token=, a Bearer header, or the cookie set when the page was first opened. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const query = url.searchParams.get('token');
  if (query) return query;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return null;
}

export function isAuthorised(req: IncomingMessage, url: URL, token: string): boolean {
  const given = presentedToken(req, url);
  return given !== null && same(given, token);
}

/**
 * Only our own origin may talk to us: a page elsewhere (or a DNS-rebound
 * name) must not drive the API even if the browser holds our cookie.
 */
export function isOwnHost(req: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.some((h) => origin === `http://${h}`);
}
