import { DatabaseSync } from 'node:sqlite';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OPENING_ID, START_ANSWERS_ID } from '../../core/start-answers.ts';
import { hostRequest as get } from '../../test-support/host-request.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { MIGRATIONS } from '../library/migrations.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { EventBus } from '../services/event-bus.ts';
import { OPENING_REASON, openOrHold, type OpeningLibrary } from '../services/library-opening.ts';
import { startHost, type RunningHost } from './server.ts';

/**
 * The browser host while an older library is backed up and updated before it opens (services/library-opening.ts):
 * a page that says how far it is, a clear refusal for everything that needs the library, then the app.
 */
describe('browser host while the library opens', () => {
  let root: string;
  let libraryDir: string;
  let rendererDir: string;
  let host: RunningHost | null;
  let services: AppServices | null;
  let opening: OpeningLibrary | null;
  let release: (() => void) | null;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'broadsheet-host-opening-'));
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title><body><div id="app"></div></body>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    // A library an older build left at schema 10: opening it backs it up, then updates it.
    libraryDir = join(root, 'library');
    new LibraryStore(libraryDir).close();
    const db = new DatabaseSync(join(libraryDir, 'library.sqlite'));
    db.exec('PRAGMA user_version = 10');
    db.close();
    host = null;
    services = null;
    opening = null;
    release = null;
  });
  afterEach(async () => {
    await host?.close();
    // A test that left the opening held lets it end, so its services close before their folder goes.
    release?.();
    await opening?.ready.catch(() => {});
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** The real opening of that library, held open (as a long update would be) until `finish` is called. */
  async function holding(fail?: Error): Promise<{ opening: OpeningLibrary; finish: () => void; auth: Record<string, string> }> {
    const gate = Promise.withResolvers<void>();
    const backedUp = Promise.withResolvers<void>();
    const opened = await openOrHold(new EventBus(), async (events) => {
      const s = await openAppServices({ libraryDir, host: 'browser', version: 'test', processor: inThreadProcessor, events });
      backedUp.resolve();
      await gate.promise;
      if (fail) {
        await s.close();
        throw fail;
      }
      return (services = s);
    });
    if (!('opening' in opened)) throw new Error('the library opened without a backup');
    opening = opened.opening;
    release = () => gate.resolve();
    // The backup told whole: what the page shows no longer changes under the test.
    await backedUp.promise;
    host = await startHost({ services: opened.opening, rendererDir });
    return { opening: opened.opening, finish: release, auth: { authorization: `Bearer ${host.token}` } };
  }

  it('serves the page with how far the backup is, the renderer bundle, and 503 with the reason for all that needs the library', async () => {
    const { opening, auth } = await holding();
    const port = host!.port;
    expect(opening.state()).toEqual({ backup: { done: 0, total: 0 } });
    const page = await get(port, '/', auth);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toContain(START_ANSWERS_ID);
    const block = new RegExp(`<script type="application/json" id="${OPENING_ID}" data-events="(\\d+)">(.*?)</script></body>`).exec(page.body);
    expect(Number(block![1])).toBe(opening.events.seq);
    expect(JSON.parse(block![2])).toEqual(opening.state());
    expect((await get(port, '/assets/app.js', auth)).body).toBe('console.log(1)');
    expect((await get(port, '/../secret.txt', auth)).status).toBe(404);
    expect((await get(port, '/', {})).status).toBe(401);

    const api = await get(port, '/api/app.info', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
    expect(api.status).toBe(503);
    expect(api.headers.connection).toBe('close');
    expect(JSON.parse(api.body)).toEqual({ ok: false, error: `app.info: ${OPENING_REASON}` });
    // The one question the waiting page asks is answered, not refused: a refusal is an error in its console.
    const isOpen = await get(port, '/api/library.isOpen', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
    expect([isOpen.status, JSON.parse(isOpen.body)]).toEqual([200, { ok: true, result: { open: false } }]);
    // Through the contract's dispatch as any request: its params are checked as ever.
    const odd = await get(port, '/api/library.isOpen', { ...auth, 'content-type': 'application/json' }, 'POST', '{"x":1}');
    expect([odd.status, JSON.parse(odd.body).ok]).toEqual([200, false]);
    // Refused before its body is read, whatever the body: no parse of it, no handler.
    const junk = await get(port, '/api/library.import', { ...auth, 'content-type': 'application/json' }, 'POST', '{not json');
    expect([junk.status, JSON.parse(junk.body)]).toEqual([503, { ok: false, error: `library.import: ${OPENING_REASON}` }]);
    expect((await get(port, '/api/no.such', auth, 'POST', '{}')).status).toBe(404);
    expect((await get(port, '/api/app.info', auth)).status).toBe(405);
    for (const path of ['/files/' + 'a'.repeat(64), `/files/${'a'.repeat(64)}/preview/1`]) {
      const file = await get(port, path, auth);
      expect([file.status, file.body]).toEqual([503, OPENING_REASON]);
    }
    expect((await get(port, '/', auth, 'DELETE')).status).toBe(405);
  });

  it('tells a page served meanwhile that the library opened, then serves the app with its start answers', async () => {
    const { opening, finish, auth } = await holding();
    const page = await get(host!.port, '/', auth);
    const since = /data-events="(\d+)"/.exec(page.body)![1];
    const ws = new WebSocket(`ws://127.0.0.1:${host!.port}/events?since=${since}`, { headers: auth });
    const told: Array<{ event: string; payload: unknown }> = [];
    const opened = new Promise<void>((resolve) =>
      ws.on('message', (m) => {
        const { event, payload } = JSON.parse(String(m));
        told.push({ event, payload });
        if (event === 'library.opened') resolve();
      }),
    );
    await new Promise((resolve) => ws.on('open', resolve));
    finish();
    await opened;
    ws.close();
    expect(told.at(-1)).toEqual({ event: 'library.opened', payload: { error: null } });
    expect(opening.services()).toBe(services);
    const app = await get(host!.port, '/', auth);
    expect(app.body).toContain(`id="${START_ANSWERS_ID}"`);
    expect(app.body).not.toContain(OPENING_ID);
    const info = await get(host!.port, '/api/app.info', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body).result.migrated.from).toBe(10);
    const isOpen = await get(host!.port, '/api/library.isOpen', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
    expect(JSON.parse(isOpen.body)).toEqual({ ok: true, result: { open: true } });
  });

  it('answers while the migrations run: they hold a thread of their own, not the one the host answers on', async () => {
    // Another connection's write lock, as another process's write would: the update waits for it inside its first
    // migration's transaction (migrations.ts runPending), which a backup (a reader) does not.
    const other = new DatabaseSync(join(libraryDir, 'library.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    const events = new EventBus();
    const told: unknown[] = [];
    const backedUp = Promise.withResolvers<void>();
    events.subscribe((event, payload) => {
      if (event !== 'library.backup' && event !== 'library.opened') return;
      told.push(payload);
      if (event === 'library.backup' && (payload as { total: number }).total === 0) backedUp.resolve();
    });
    try {
      const opened = await openOrHold(events, (bus) => openAppServices({ libraryDir, host: 'browser', version: 'test', processor: inThreadProcessor, events: bus }));
      if (!('opening' in opened)) throw new Error('the library opened without a backup');
      opening = opened.opening;
      host = await startHost({ services: opening, rendererDir });
      await backedUp.promise;
      const auth = { authorization: `Bearer ${host.token}` };
      expect((await get(host.port, '/', auth)).body).toContain(`id="${OPENING_ID}"`);
      const api = await get(host.port, '/api/app.info', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
      expect([api.status, JSON.parse(api.body)]).toEqual([503, { ok: false, error: `app.info: ${OPENING_REASON}` }]);
      // Answered with the update still waiting at its lock: the library not yet opened, nor failed, still at version 10.
      expect(told.at(-1)).toEqual({ done: 0, total: 0 });
      expect(opening.services()).toBe(null);
      expect((other.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(10);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    services = await opening.ready;
    expect(told.at(-1)).toEqual({ error: null });
    expect(services.store.migrated?.from).toBe(10);
    expect(services.store.migrated?.to).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('tells a library that could not be opened on the events, and goes on refusing with the reason', async () => {
    const { opening, finish, auth } = await holding(new Error('library.sqlite: disk full\nat somewhere'));
    const told = new Promise<unknown>((resolve) => opening.events.subscribe((event, payload) => event === 'library.opened' && resolve(payload)));
    finish();
    expect(await told).toEqual({ error: 'library.sqlite: disk full' });
    await expect(opening.ready).rejects.toThrow('disk full');
    expect((await get(host!.port, '/api/app.info', auth, 'POST', '{}')).status).toBe(503);
    // A page served after it failed has no event left to hear it from: its block says why.
    expect(opening.state()).toEqual({ backup: { done: 0, total: 0 }, error: 'library.sqlite: disk full' });
    const page = await get(host!.port, '/', auth);
    const block = new RegExp(`<script type="application/json" id="${OPENING_ID}" data-events="\\d+">(.*?)</script>`).exec(page.body);
    expect(JSON.parse(block![1]!)).toEqual({ backup: { done: 0, total: 0 }, error: 'library.sqlite: disk full' });
  });
});

describe('openOrHold', () => {
  it('opens a library that needs no update before answering, and tells no library.opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-open-now-'));
    try {
      new LibraryStore(join(dir, 'library')).close();
      const events = new EventBus();
      const heard: string[] = [];
      events.subscribe((event) => void heard.push(event));
      const opened = await openOrHold(events, (bus) => openAppServices({ libraryDir: join(dir, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor, events: bus }));
      expect('services' in opened).toBe(true);
      if ('services' in opened) await opened.services.close();
      expect(heard.filter((e) => e.startsWith('library.'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects, as before, when a library that needed no backup cannot be opened', async () => {
    await expect(openOrHold(new EventBus(), () => Promise.reject(new Error('bad library')))).rejects.toThrow('bad library');
  });
});
