import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { MIGRATIONS, schemaVersion } from '../library/migrations.ts';
import { EventBus } from './event-bus.ts';
import { openAppServices } from './app-services.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-app-backup-'));
  // A library an older build left at schema 10 (no pages: migrations 11 to 13 have nothing to convert), with a setting.
  const store = new LibraryStore(dir);
  store.updateSettings({ zoom: 2 });
  store.close();
  const db = new DatabaseSync(join(dir, 'library.sqlite'));
  db.exec('PRAGMA user_version = 10');
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('tells the backup before the update on the bus the host gave it, then opens the library updated', async () => {
  const events = new EventBus();
  const heard: Array<[string, unknown]> = [];
  events.subscribe((event, payload) => void heard.push([event, payload]));
  const services = await openAppServices({ libraryDir: dir, host: 'browser', version: 'test', processor: inThreadProcessor, events });
  try {
    const backups = heard.filter(([event]) => event === 'library.backup').map(([, p]) => p as { done: number; total: number });
    const total = backups[0]!.total;
    expect(total).toBeGreaterThan(0);
    // Nothing yet, all of it, then done: before anything else the services say.
    expect(backups).toEqual([
      { done: 0, total },
      { done: total, total },
      { done: 0, total: 0 },
    ]);
    expect(heard.slice(0, 3).map(([event]) => event)).toEqual(['library.backup', 'library.backup', 'library.backup']);

    const info = await services.handlers['app.info']({});
    expect(info.migrated?.from).toBe(10);
    expect(info.migrated?.to).toBe(MIGRATIONS.at(-1)!.version);
    expect(schemaVersion(services.store.db)).toBe(MIGRATIONS.at(-1)!.version);
    const copy = new DatabaseSync(info.migrated!.backup, { readOnly: true });
    expect(schemaVersion(copy)).toBe(10);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'zoom'").get()).toEqual({ value: '2' });
    copy.close();
  } finally {
    await services.close();
  }
});
