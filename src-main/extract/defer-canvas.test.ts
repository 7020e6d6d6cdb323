import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/**
 * In a fresh thread (its own module cache, as an extraction worker's):
 * extracting a page leaves @napi-rs/canvas's native half unloaded, and the
 * DOMMatrix, Path2D and canvas pdf.js asks for still work when something does.
 */
const here = import.meta.dirname;
const script = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
(async () => {
  const { extractAll } = await import(workerData.extractPdf);
  const req = createRequire(workerData.pdfjsEntry);
  const nativeLoaded = () => Object.keys(req.cache).some((k) => k.includes('@napi-rs') && k.endsWith('js-binding.js'));
  const pages = await extractAll(new Uint8Array(workerData.pdf));
  const afterExtract = nativeLoaded();
  const m = new globalThis.DOMMatrix().scaleSelf(2, 3);
  const isMatrix = m instanceof globalThis.DOMMatrix;
  const canvas = req('@napi-rs/canvas').createCanvas(3, 4);
  parentPort.postMessage({ items: pages[0].items.length, afterExtract, matrix: [m.a, m.d], isMatrix, afterUse: nativeLoaded(), canvas: [canvas.width, canvas.height], path: typeof new globalThis.Path2D().moveTo });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

describe('deferCanvasLoad', () => {
  it('extraction does not load the canvas; the first use of it does', async () => {
    const root = join(here, '..', '..');
    const worker = new Worker(script, {
      eval: true,
      workerData: {
        extractPdf: pathToFileURL(join(here, 'extract-pdf.ts')).href,
        pdfjsEntry: join(root, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs'),
        pdf: readFileSync(join(root, 'fixtures', 'pdf', 'latin-columns.pdf')),
      },
    });
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(result.error).toBeUndefined();
    expect(result.items).toBeGreaterThan(50);
    expect(result.afterExtract).toBe(false);
    expect(result).toMatchObject({ matrix: [2, 3], isMatrix: true, afterUse: true, canvas: [3, 4], path: 'function' });
  });
});
