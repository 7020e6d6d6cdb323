import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { startHost, type RunningHost } from './server.ts';

/** Raw HTTP so that paths reach the server exactly as written (fetch would normalise "..") */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

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
      files: [{ name: 'page.txt', data: Buffer.from('围绕中心服务大局\n来到大陈村来到大陈村\n').toString('base64') }],
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

  it('sets an HttpOnly cookie when opened with ?token= and accepts it afterwards', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    expect(String(first.headers['set-cookie'])).toContain('HttpOnly');
    expect((await get(host.port, '/assets/app.js', { cookie })).status).toBe(200);
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

  it('refuses a WebSocket without the token and delivers events with it', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    await expect(new Promise((resolve, reject) => (refused.on('open', resolve), refused.on('error', reject)))).rejects.toThrow();
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: auth });
    await new Promise((resolve) => ws.on('open', resolve));
    const message = new Promise<string>((resolve) => ws.on('message', (m) => resolve(String(m))));
    services.events.emit('library.changed', { ids: ['x'] });
    expect(JSON.parse(await message)).toEqual({ event: 'library.changed', payload: { ids: ['x'] } });
    ws.close();
  });
});
