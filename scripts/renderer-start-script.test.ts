import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the app's start-up script holds: every module main.ts reaches through
 * static value imports (not `import type`, not `import()`, which become their
 * own chunks). Everything in it is fetched, compiled and evaluated before the
 * library's first rows, so some packages must stay out: zod, a third of the
 * script when the annotation schemas slipped in by way of anchor.ts
 * (core/annotations/view-rect.ts), and the reader's heavy parts.
 */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[\s\S]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

function startUpGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return; // a package: named, not followed
    let source = readFileSync(file, 'utf8');
    if (file.endsWith('.svelte')) source = [...source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
    for (const [, spec] of source.matchAll(STATIC_IMPORT)) {
      if (/\.css$|\?/.test(spec)) continue;
      walk(spec.startsWith('.') ? resolve(dirname(file), spec) : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  walk(entry);
  return seen;
}

describe("the app's start-up script", () => {
  const graph = startUpGraph(resolve(import.meta.dirname, '..', 'src-renderer', 'main.ts'));
  const root = resolve(import.meta.dirname, '..');
  const local = [...graph].filter((f) => f.startsWith('/')).map((f) => f.slice(root.length + 1));

  it('is walked from main.ts through the app and the library panel', () => {
    expect(local).toContain('src-renderer/App.svelte');
    expect(local).toContain('src-renderer/components/LibraryPanel.svelte');
    expect(graph).toContain('svelte');
  });

  it('holds no zod: the schemas are checked on the other side of the contract', () => {
    expect([...graph].filter((f) => f === 'zod' || /\/zod\b/.test(f))).toEqual([]);
  });
});
