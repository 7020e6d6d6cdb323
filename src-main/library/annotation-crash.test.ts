import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

const WRITER = join(import.meta.dirname, 'testing', 'annotation-writer.ts');
const KILLS = 50;

/**
 * Runs the writer and SIGKILLs it `delayMs` after its first acknowledged write
 * (so the kill lands inside the write loop however slow start-up is on a
 * busy machine), or `delayMs` after spawning when `duringStartup` (so it can
 * land while the library opens and migrates). Returns the ids acknowledged.
 */
function writeUntilKilled(dir: string, docId: string, run: number, delayMs: number, duringStartup: boolean): Promise<Map<string, boolean>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', WRITER, dir, docId, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<string, boolean>();
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const killIn = (ms: number) => (timer ??= setTimeout(() => child.kill('SIGKILL'), ms));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    if (duringStartup) killIn(delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop()!; // a line cut by the kill was never acknowledged
      for (const l of lines) {
        const [id, edited] = l.split(' ');
        acked.set(id, edited === 'edited');
      }
      if (acked.size > 0) killIn(delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('annotations survive kill -9 at any moment', () => {
  let dir: string;
  let docId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-crash-'));
    const store = new LibraryStore(dir);
    const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: the council met on Tuesday and voted on the new bridge.`).join('\n\n');
    const [r] = await importFiles(store, inThreadProcessor, [{ name: 'dump.txt', bytes: Buffer.from(text) }]);
    docId = r.id!;
    store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps the database whole and every acknowledged annotation, over ${KILLS} kills`, async () => {
    const all = new Map<string, boolean>();
    let random = 12345; // a fixed seed: a failure can be replayed
    const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let interrupted = 0;
    for (let run = 0; run < KILLS; run++) {
      // One run in five is killed at a random moment of start-up (open, migrate); the rest in the write loop.
      const duringStartup = run % 5 === 0;
      const acked = await writeUntilKilled(dir, docId, run, Math.floor(next() * (duringStartup ? 400 : 150)), duringStartup);
      for (const [id, edited] of acked) all.set(id, edited);
      if (acked.size > 0) interrupted++;

      const db = new DatabaseSync(join(dir, 'library.sqlite'));
      try {
        expect(db.prepare('PRAGMA integrity_check').all(), `run ${run}`).toEqual([{ integrity_check: 'ok' }]);
        const rows = new Map((db.prepare('SELECT id, json FROM annotations').all() as { id: string; json: string }[]).map((r) => [r.id, JSON.parse(r.json) as { tags: string[] }]));
        for (const [id, edited] of all) {
          expect(rows.has(id), `acknowledged annotation ${id} lost after run ${run}`).toBe(true);
          if (edited) expect(rows.get(id)!.tags, `edit of ${id} lost after run ${run}`).toContain('edited');
        }
        // Nothing half-written: every row parses and names its page.
        for (const row of rows.values()) expect(Array.isArray(row.tags)).toBe(true);
      } finally {
        db.close();
      }
    }
    console.log(`crash test: ${KILLS} kills, ${interrupted} while writing, ${all.size} acknowledged annotations all present`);
    expect(interrupted).toBeGreaterThanOrEqual((KILLS * 4) / 5);
  }, 180_000);
});
