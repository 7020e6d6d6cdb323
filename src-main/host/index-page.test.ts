import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dispatch } from '../../core/contract.ts';
import { START_ANSWERS_ID, START_WINDOW } from '../../core/start-answers.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { indexPageWithStartAnswers, startAnswers } from './index-page.ts';
import { firstScreenKey, FIRST_SCREEN_FILE } from '../services/first-screen-store.ts';
import { FIRST_SCREEN_ID } from '../../core/first-screen.ts';
import { startHost, type RunningHost } from './server.ts';
import { hostRequest } from '../../test-support/host-request.ts';

const get = hostRequest;

const HEAD = '<!doctype html><html><head><title>t</title><script type="module" src="./assets/app.js"></script></head><body><div id="app"></div>';
const TAIL = '</body></html>\n';
const root = mkdtempSync(join(tmpdir(), 'broadsheet-index-page-'));

describe('the app page the browser host serves', () => {
  let services: AppServices;
  let host: RunningHost;
  let auth: Record<string, string>;

  beforeAll(async () => {
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), HEAD + TAIL);
    services = await openAppServices({ libraryDir: join(root, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor });
    // More documents than the first window holds, so the window is a cut of the list.
    const files = Array.from({ length: START_WINDOW + 5 }, (_, i) => ({ name: `page-${i}.txt`, data: new TextEncoder().encode(`Page ${i} text\n`) }));
    await services.handlers['library.import']({ files });
    await services.handlers['settings.set']({ patch: { librarySort: 'title' } });
    host = await startHost({ services, rendererDir });
    auth = { authorization: `Bearer ${host.token}` };
  });

  afterAll(async () => {
    await host.close();
    await services.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('carries the settings and the first window of the list, exactly as the two requests answer them', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(host.port, path, auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const key = firstScreenKey(HEAD + TAIL, await startAnswers(services.handlers));
      const open = `<script type="application/json" id="${START_ANSWERS_ID}" data-events="${services.events.seq}" data-first-screen="${key}">`;
      expect(res.body.startsWith(HEAD + open)).toBe(true);
      expect(res.body.endsWith('</script>' + TAIL)).toBe(true);
      const written = JSON.parse(res.body.slice(HEAD.length + open.length, -('</script>' + TAIL).length));
      expect(written.settings).toEqual(await dispatch(services.handlers, 'settings.get', {}));
      expect(written.columns).toEqual(await dispatch(services.handlers, 'library.columns', { limit: START_WINDOW }));
      // The archivist's order, cut to the window, with the whole list's length.
      expect(written.columns.result).toMatchObject({ sort: 'title', total: START_WINDOW + 5 });
      expect(written.columns.result.ids).toHaveLength(START_WINDOW * 64);
    }
  });

  it("gives the Electron app's protocol handler the same page, whole", async () => {
    const served = await get(host.port, '/', auth);
    expect(await indexPageWithStartAnswers(join(root, 'renderer', 'index.html'), services)).toBe(served.body);
  });

  it('sends a socket opened after the page was served the events sent meanwhile (the page opens it after its first frame)', async () => {
    const page = await get(host.port, '/', auth);
    const since = /data-events="(\d+)"/.exec(page.body)?.[1];
    expect(since).toBe(String(services.events.seq));
    // Sent while the page's first frame paints: no socket is open yet.
    services.events.emit('library.changed', { ids: ['while-painting'] });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?since=${since}`, { headers: auth });
    const message = new Promise<string>((resolve) => ws.on('message', (m) => resolve(String(m))));
    expect(JSON.parse(await message)).toEqual({ event: 'library.changed', payload: { ids: ['while-painting'] }, seq: Number(since) + 1 });
    ws.close();
  });

  it('carries the first screen the app kept under this page and first window, after the answers; none once the window changed', async () => {
    const page = await get(host.port, '/', auth);
    const key = /data-first-screen="([0-9a-f]{64})"/.exec(page.body)![1]!;
    expect(page.body).not.toContain(FIRST_SCREEN_ID);
    const html = '<div class="app"><ul aria-label="Documents"><li><button type="button">page-0.txt</button></li></ul></div>';
    expect(await dispatch(services.handlers, 'app.keepFirstScreen', { key, html, width: 1440, height: 900 })).toEqual({ ok: true, result: { kept: true } });
    const next = await get(host.port, '/', auth);
    const block = `<style>@media not all and (width: 1440px) and (height: 900px) { #${FIRST_SCREEN_ID} { display: none } } @media (width: 1440px) and (height: 900px) { .font-warm { display: none } }</style><div id="${FIRST_SCREEN_ID}" aria-hidden="true">${html}</div>`;
    expect(next.body.endsWith(`</script>${block}${TAIL}`)).toBe(true);
    // Another document first in the list: the kept screen would show the wrong rows.
    await services.handlers['library.import']({ files: [{ name: 'aaa-first.txt', data: new TextEncoder().encode('First now\n') }] });
    const after = await get(host.port, '/', auth);
    expect(after.body).not.toContain(FIRST_SCREEN_ID);
    expect(/data-first-screen="([0-9a-f]{64})"/.exec(after.body)![1]).not.toBe(key);
  });

  it('refuses markup that is not a first screen, and keeps nothing from it', async () => {
    const key = 'a'.repeat(64);
    for (const html of ['<div><script src="./x.js"></script></div>', '<button onclick="x()">b</button>', '<a href="https://example.org/">x</a>', '<svg><use href="#x"/></svg>', '<img src="blob:x">']) {
      const reply = await dispatch(services.handlers, 'app.keepFirstScreen', { key, html, width: 10, height: 10 });
      expect(reply).toMatchObject({ ok: false });
      expect(JSON.stringify(reply)).toMatch(/not a first screen the host would serve: it holds a (<\w+> element|\w+= attribute)/);
    }
    const kept = JSON.parse(readFileSync(join(root, 'library', FIRST_SCREEN_FILE), 'utf8')) as { key: string };
    expect(kept.key).not.toBe(key);
  });

  it('answers HEAD without a body', async () => {
    const head = await get(host.port, '/', auth, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});
