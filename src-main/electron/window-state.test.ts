import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from './window-state.ts';

describe('window state', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'broadsheet-window-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips bounds and the maximized flag', () => {
    const file = join(dir, 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('falls back to the default for a missing, corrupt or absurd file', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file)).toMatchObject({ width: 1440, height: 900 });
    writeFileSync(file, '{not json');
    expect(loadWindowState(file)).toMatchObject({ width: 1440, height: 900 });
    writeFileSync(file, JSON.stringify({ width: 5, height: 1e9, maximized: 'yes' }));
    expect(loadWindowState(file)).toMatchObject({ width: 1440, height: 900, maximized: false });
  });
});
