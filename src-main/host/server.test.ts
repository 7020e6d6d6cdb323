import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeEnvelope, ENVELOPE_TYPE } from '../../core/bridge-envelope.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { startHost, type RunningHost } from './server.ts';
import { hostRequest } from '../../test-support/host-request.ts';

/** Raw HTTP so that paths reach the server exactly as written (fetch would normalise "..") */
const get = hostRequest;

const SECRET = 'TOP-SECRET-OUTSIDE-THE-LIBRARY';

// Created at load time: the traversal table below names paths inside it.
const root = mkdtempSync(join(tmpdir(), 'broadsheet-host-'));

describe('browser host', () => {
  let services: AppServices;
  let host: RunningHost;
  let auth: Record<string, string>;
  let docId: string;

  beforeAll(async () => {
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.js'));
    services = await openAppServices({ libraryDir: join(root, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor });
    const [result] = await services.handlers['library.import']({
      files: [{ name: 'page.txt', data: new TextEncoder().encode('围绕中心服务大局\n来到大陈村来到大陈村\n') }],
    });
    docId = result.id!;
    host = await startHost({ services, rendererDir });
    auth = { authorization: `Bearer ${host.token}` };
  });

  afterAll(async () => {
    await host.close();
    await services.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a URL on 127.0.0.1 carrying a fresh random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });

  it('answers 401 on every route without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', `/files/${docId}`]) {
      expect((await get(host.port, path)).status).toBe(401);
    }
    expect((await get(host.port, '/api/app.info', {}, 'POST', '{}')).status).toBe(401);
    expect((await get(host.port, '/', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('trades ?token= for an HttpOnly cookie scoped to a per-session path, and moves there (no token in the address bar)', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(302);
    const session = String(first.headers.location);
    expect(session).toMatch(/^\/s\/[\w-]{16}\/$/);
    expect(session).not.toContain(host.token);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    // Cookies ignore ports: scoped to this path, no other service on 127.0.0.1 ever receives it.
    expect(setCookie).toContain(`Path=${session}`);
    const cookie = setCookie.split(';')[0];
    expect((await get(host.port, session, { cookie })).status).toBe(200);
    expect((await get(host.port, `${session}assets/app.js`, { cookie })).status).toBe(200);
    expect((await get(host.port, `${session}files/${docId}`, { cookie })).body).toContain('来到大陈村');
    const api = await get(host.port, `${session}api/app.info`, { cookie }, 'POST', '{}');
    expect(JSON.parse(api.body)).toMatchObject({ ok: true });
    // Any page opened with the token moves under the session path the same way.
    const deep = await get(host.port, `/assets/app.js?token=${host.token}`);
    expect(deep.status).toBe(302);
    expect(deep.headers.location).toBe(`${session}assets/app.js`);
    // The session path alone grants nothing.
    expect((await get(host.port, session)).status).toBe(401);
  });

  it('sends a strict CSP with every response', async () => {
    const res = await get(host.port, '/', auth);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('refuses other Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    expect((await get(host.port, '/', { ...auth, host: 'evil.example' })).status).toBe(403);
    expect((await get(host.port, '/api/app.info', { ...auth, origin: 'http://evil.example' }, 'POST', '{}')).status).toBe(403);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    `/${encodeURIComponent(join(root, 'secret.txt'))}`,
    `//${join(root, 'secret.txt')}`,
    '/assets/link.js',
    '/files/../secret.txt',
    '/files/%2e%2e%2fsecret.txt',
    `/files/${'a'.repeat(64)}`,
  ])('never serves a file outside the library or bundle: %s', async (path) => {
    const res = await get(host.port, path, auth);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain(SECRET);
  });

  it('serves a library original by its id', async () => {
    const res = await get(host.port, `/files/${docId}`, auth);
    expect(res.status).toBe(200);
    expect(res.body).toContain('来到大陈村');
  });

  it('turns missing or mistyped params into an error reply and keeps working', async () => {
    const bad = JSON.parse((await get(host.port, '/api/document.page', auth, 'POST', JSON.stringify({ id: 42 }))).body);
    expect(bad).toMatchObject({ ok: false });
    expect(bad.error).toMatch(/document\.page: invalid id/);
    const junk = await get(host.port, '/api/document.page', auth, 'POST', '{not json');
    expect(junk.status).toBe(400);
    expect(JSON.parse(junk.body).ok).toBe(false);
    const unknown = await get(host.port, '/api/fs.readFile', auth, 'POST', '{}');
    expect(unknown.status).toBe(404);
    const good = JSON.parse((await get(host.port, '/api/document.page', auth, 'POST', JSON.stringify({ id: docId, page: 1 }))).body);
    expect(good.ok).toBe(true);
    expect(good.result.blocks.map((b: { text: string }) => b.text).join('')).toContain('来到大陈村');
  });

  it('takes imported files as bytes in a binary envelope and stores exactly those bytes; base64 is refused', async () => {
    // Every byte value, and the PDF-looking start a real import has.
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 151 + 7) & 255);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
    const text = new TextEncoder().encode('字节原样到达\n');
    const parts = encodeEnvelope({ files: [{ name: 'raw.txt', data: text }, { name: 'bad.pdf', data: bytes }] });
    const body = Buffer.concat(parts);
    // No base64 on the wire: the body is the JSON header plus exactly the files' bytes.
    expect(body.byteLength).toBe(4 + parts[1].byteLength + text.byteLength + bytes.byteLength);
    const url = `http://127.0.0.1:${host.port}/api/library.import`;
    const reply = await (await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': ENVELOPE_TYPE }, body })).json();
    expect(reply.ok).toBe(true);
    const [stored, broken] = reply.result;
    expect(stored).toMatchObject({ file: 'raw.txt', status: 'imported', id: createHash('sha256').update(text).digest('hex') });
    // The original comes back byte for byte.
    const served = new Uint8Array(await (await fetch(`http://127.0.0.1:${host.port}/files/${stored.id}`, { headers: auth })).arrayBuffer());
    expect(served).toEqual(text);
    // A PDF that is not one fails on its own merits, its bytes intact up to the parser.
    expect(broken).toMatchObject({ file: 'bad.pdf', status: 'failed' });

    const base64 = await (await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ files: [{ name: 'x.txt', data: Buffer.from('hi').toString('base64') }] }) })).json();
    expect(base64).toMatchObject({ ok: false });
    expect(base64.error).toMatch(/library\.import: invalid files\.0\.data: expected the file bytes/);

    const lying = Buffer.concat(encodeEnvelope({ files: [{ name: 'x.txt', data: new Uint8Array(10) }] })).subarray(0, -3);
    const refused = await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': ENVELOPE_TYPE }, body: lying });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe('library.import: bad envelope (envelope bytes run past the body)');
  });

  it('refuses a WebSocket without the token and delivers events with it', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    await expect(new Promise((resolve, reject) => (refused.on('open', resolve), refused.on('error', reject)))).rejects.toThrow();
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: auth });
    await new Promise((resolve) => ws.on('open', resolve));
    // The services' own background passes emit too (search.progress): wait for this event, and take its number at
    // once (one emitted after it moved `seq` before the message arrived, in one run of several).
    const message = new Promise<string>((resolve) => ws.on('message', (m) => String(m).includes('"ids":["x"]') && resolve(String(m))));
    services.events.emit('library.changed', { ids: ['x'] });
    const seq = services.events.seq;
    expect(JSON.parse(await message)).toEqual({ event: 'library.changed', payload: { ids: ['x'] }, seq });
    ws.close();
  });

  it('survives malformed WebSocket upgrade targets sent without a token', async () => {
    for (const target of ['//[', '//%zz', '/%', 'http://[::1', '//[/events']) {
      const reply = await rawExchange(
        host.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
    expect((await get(host.port, '/', auth)).status).toBe(200);
  });

  it('closes a WebSocket that sends a frame over the limit, and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: auth });
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send(Buffer.alloc(70 * 1024, 120));
    expect(await closed).toBeGreaterThan(0);
    expect((await get(host.port, '/', auth)).status).toBe(200);
  });

  it('says what it refused when the HTTP parser refuses a request before any handler sees it', async () => {
    // Node's own reply was a bare "400 Bad Request", which the app could only show as "host answered 400".
    const junk = await rawExchange(host.port, `BREW /api/annotations.export HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
    expect(junk).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(junk.split('\r\n\r\n')[1]).toBe('request refused before it was read: HPE_INVALID_METHOD (Invalid method encountered)\n');
    const huge = await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(huge).toContain('request refused before it was read: HPE_HEADER_OVERFLOW');
  });

  it('answers 400 for a malformed request name, not 500', async () => {
    const res = await get(host.port, '/api/%E0%A4%A', auth, 'POST', '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false });
  });
});

/** Sends raw bytes and resolves with what comes back before the server closes (or 2 s pass). */
function rawExchange(port: number, data: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    let reply = '';
    socket.on('data', (d) => (reply += d));
    socket.on('error', () => resolve(reply));
    socket.on('close', () => resolve(reply));
    setTimeout(() => (socket.destroy(), resolve(reply)), 2000);
  });
}

describe('browser host limits', () => {
  let services: AppServices;
  let host: RunningHost;
  let auth: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-limits-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    services = await openAppServices({ libraryDir: join(dir, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor });
    host = await startHost({
      services,
      rendererDir: join(dir, 'renderer'),
      limits: { maxBody: 1000, maxConnections: 8, headersTimeoutMs: 1000, idleTimeoutMs: 1000, keepAliveTimeoutMs: 500 },
    });
    auth = { authorization: `Bearer ${host.token}` };
  });
  afterAll(async () => {
    await host.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 413 to a body over the limit (declared or streamed), not a reset', async () => {
    const declared = await get(host.port, '/api/library.list', { ...auth, 'content-type': 'application/json' }, 'POST', '{' + ' '.repeat(2000) + '}');
    expect(declared.status).toBe(413);
    const streamed = await rawExchange(
      host.port,
      `POST /api/library.list HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n${' '.repeat(0x800)}\r\n0\r\n\r\n`,
    );
    expect(streamed).toMatch(/^HTTP\/1\.1 413/);
  });

  it('closes connections that say nothing, and caps how many may be open', async () => {
    const idle = Array.from({ length: 12 }, () => connect(host.port, '127.0.0.1'));
    const closedAt = await Promise.all(
      idle.map((s) => new Promise<number>((resolve) => (s.on('error', () => {}), s.on('close', () => resolve(Date.now()))))),
    );
    // All closed by the server: the ones over the cap at once, the others after the idle timeout.
    expect(closedAt).toHaveLength(12);
    expect((await get(host.port, '/', auth)).status).toBe(200);
  }, 15_000);
});
