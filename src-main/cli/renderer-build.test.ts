import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './renderer-build.ts';

describe('ensureRendererBuilt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-renderer-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a missing renderer once, saying so, and then serves it', () => {
    const out = join(dir, 'renderer');
    const said: string[] = [];
    let builds = 0;
    const build = () => {
      builds++;
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'index.html'), '<!doctype html>');
      return true;
    };
    ensureRendererBuilt(out, build, (s) => said.push(s));
    ensureRendererBuilt(out, build, (s) => said.push(s));
    expect(builds).toBe(1);
    expect(said.join('')).toMatch(/building it once \(npm run build\)/);
  });

  it('names the command to run when it cannot build', () => {
    expect(() => ensureRendererBuilt(join(dir, 'nowhere'), () => false, () => {})).toThrow(/run "npm run build" in /);
  });
});
