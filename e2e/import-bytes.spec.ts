import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from '@playwright/test';
import type { DocumentSummary } from '../core/library-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';
import { ROOT } from './support/host-process.ts';

/**
 * Import… sends each file's bytes as they are: over the browser host, one
 * binary envelope (a JSON header with each file's length, then the bytes),
 * never base64; the library stores exactly those bytes (its id is their
 * SHA-256, and the original it serves back is equal to the file).
 */
test('Import… sends the file as bytes, not base64, and the library keeps exactly those bytes', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  // A fixture with a comment line after its end: a file no library holds yet, every byte value in its streams.
  const bytes = Buffer.concat([readFileSync(join(ROOT, 'fixtures', 'pdf', 'latin-columns.pdf')), Buffer.from(`\n% bytes-check ${Date.now()}\n`)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sent: Request[] = [];
  app.page.on('request', (r) => void (r.url().includes('/api/library.import') && sent.push(r)));

  await reader.library.getByLabel('Import files').setInputFiles({ name: 'bytes-check.pdf', mimeType: 'application/pdf', buffer: bytes });
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 60_000 });

  const doc: DocumentSummary = await reader.documentByFile('bytes-check.pdf');
  expect(doc.id).toBe(sha256);
  // IPC clones the Uint8Array; there is no HTTP body to look at, nor a files/ route.
  if (app.host === 'electron') return;

  // The original served back is the file, byte for byte.
  const back = await app.page.evaluate(async (id) => {
    const response = await fetch(`files/${id}`);
    const buf = new Uint8Array(await response.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
    return { size: buf.byteLength, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
  }, doc.id);
  expect(back).toEqual({ size: bytes.byteLength, sha256 });
  expect(sent).toHaveLength(1);
  const request = sent[0];
  expect(request.headers()['content-type']).toBe('application/vnd.broadsheet.envelope');
  const body = request.postDataBuffer()!;
  const headLength = body.readUInt32LE(0);
  expect(JSON.parse(body.subarray(4, 4 + headLength).toString('utf8'))).toEqual({ files: [{ name: 'bytes-check.pdf', data: { $bytes: bytes.byteLength } }] });
  // Header, then the file's bytes as they are: nothing grew by a third.
  expect(body.byteLength).toBe(4 + headLength + bytes.byteLength);
  expect(Buffer.compare(body.subarray(4 + headLength), bytes)).toBe(0);
});
