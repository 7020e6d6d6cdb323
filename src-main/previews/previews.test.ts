import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../core/contract.ts';
import type { PageModel } from '../../core/page-model.ts';
import { decodePageViewReply, encodePageView, type PageViewReply } from '../../core/page-view/page-view-codec.ts';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { startHost, type RunningHost } from '../host/server.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { PREVIEW_VERSION, PREVIEW_WIDTH } from './preview-service.ts';
import { TypesetRaster } from './typeset-raster.ts';
import { ViewEncoder } from './view-encoder.ts';

const CJK = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-overprint.pdf');

/** Raw HTTP so that paths reach the server exactly as written. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer; type: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('page previews and compact page views', () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-previews-'));
  let services: AppServices;
  let host: RunningHost;
  let auth: Record<string, string>;
  let scan: string;
  let cjk: string;
  let afterImport: { state: string; reader: string };

  beforeAll(async () => {
    services = await openAppServices({ libraryDir: join(root, 'library'), host: 'browser', version: 'test', processor: inThreadProcessor });
    const results = await services.handlers['library.import']({
      files: [
        { name: 'evening-star-1918-09-01-p1.pdf', data: readFileSync(SAMPLE_SCAN) },
        { name: 'cjk-overprint.pdf', data: readFileSync(CJK) },
      ],
    });
    [scan, cjk] = results.map((r) => r.id!);
    afterImport = { state: services.previews.state(cjk, 1), reader: services.previews.readerState(cjk, 1) };
    writeFileSync(join(root, 'index.html'), '');
    host = await startHost({ services, rendererDir: root });
    auth = { authorization: `Bearer ${host.token}` };
  }, 120_000);

  afterAll(async () => {
    await host?.close();
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('makes a scan page preview from its JPEG in the background, beside the untouched original', async () => {
    await services.previews.catchUp();
    const path = services.previews.readyPath(scan, 1)!;
    expect(path).toBe(join(services.store.dir, 'previews', scan.slice(0, 2), scan, `1.v${PREVIEW_VERSION}.jpg`));
    const bytes = readFileSync(path);
    const meta = await sharp(bytes).metadata();
    // Small enough to win the race with pdf.js on a loaded machine (the first previews were ~0.5 MB).
    expect(bytes.length).toBeLessThan(260_000);
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(PREVIEW_WIDTH);
    // The page's proportions (1271.52 × 1666.08 pt).
    expect(meta.height).toBe(Math.round((1666.08 * PREVIEW_WIDTH) / 1271.52));
    const original = readFileSync(services.store.objectPath(scan)!);
    expect(createHash('sha256').update(original).digest('hex')).toBe(scan);
    expect(original.equals(readFileSync(SAMPLE_SCAN))).toBe(true);
  });

  it('draws a typeset page’s preview with pdf.js in a worker: type dark where the page has text, the paper white', async () => {
    // Not while the import's answer waited (it waits for no preview): the reader was told to draw it itself meanwhile.
    expect(afterImport).toEqual({ state: 'pending', reader: 'none' });
    await services.previews.catchUp();
    expect(services.previews.state(cjk, 1)).toBe('ready');
    const res = await get(host.port, `/files/${cjk}/preview/1`, auth);
    expect([res.status, res.type]).toEqual([200, 'image/jpeg']);
    expect(res.body.length).toBeLessThan(260_000);
    const model = services.store.page(cjk, 1)!;
    const { data, info } = await sharp(res.body).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(PREVIEW_WIDTH);
    expect(info.height).toBe(Math.round((model.height * PREVIEW_WIDTH) / model.width));
    const k = PREVIEW_WIDTH / model.width;
    const meanGrey = ([x0, y0, x1, y1]: readonly number[]) => {
      let sum = 0;
      let n = 0;
      for (let y = Math.floor(y0 * k); y < Math.min(info.height, Math.ceil(y1 * k)); y++)
        for (let x = Math.floor(x0 * k); x < Math.min(info.width, Math.ceil(x1 * k)); x++) {
          sum += data[y * info.width + x];
          n++;
        }
      expect(n).toBeGreaterThan(100);
      return sum / n;
    };
    // The headline (the page's first item, in large type) is inked; the left margin, left of every item, is paper.
    const headline = model.items[0];
    expect(headline.str.length).toBeGreaterThan(4);
    expect(meanGrey(headline.rect)).toBeLessThan(190);
    const left = Math.min(...model.items.map((it) => it.rect[0]));
    expect(meanGrey([0, 0, left - 2, model.height])).toBeGreaterThan(250);
  });

  it('draws typeset pages an older version said had none, only when not asked to leave them to the background', async () => {
    const dir = join(services.store.dir, 'previews', cjk.slice(0, 2), cjk);
    rmSync(join(dir, `1.v${PREVIEW_VERSION}.jpg`));
    writeFileSync(join(dir, '1.none'), 'no JPEG picture');
    expect(services.previews.state(cjk, 1)).toBe('pending');
    expect(services.previews.readerState(cjk, 1)).toBe('none');
    expect(await services.previews.ensure(cjk, 1, { typeset: false })).toBeNull();
    expect(services.previews.state(cjk, 1)).toBe('pending');
    expect(await services.previews.ensure(cjk, 1)).toBe(services.previews.readyPath(cjk, 1));
    expect(services.previews.readerState(cjk, 1)).toBe('ready');
    expect(existsSync(join(dir, '1.none'))).toBe(false);
  });

  it('draws the preview of a scan pdf-lib cannot read (its last 2,000 bytes cut off) with pdf.js, and prints nothing', async () => {
    const whole = readFileSync(SAMPLE_SCAN);
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    const err = vi.spyOn(console, 'error');
    try {
      const [cut] = await services.handlers['library.import']({ files: [{ name: 'cut-short.pdf', data: whole.subarray(0, whole.length - 2000) }] });
      expect(cut.id).toBeTruthy();
      // The page's JPEG runs to the end of the file: pdf-lib read no object of it (it had said "Failed to parse PDF
      // document" and the page had no preview for good, with two unprefixed warnings on stderr).
      const path = await services.previews.ensure(cut.id!, 1);
      expect(services.previews.noneReason(cut.id!, 1)).toBeNull();
      const meta = await sharp(readFileSync(path!)).metadata();
      expect([meta.format, meta.width]).toEqual(['jpeg', PREVIEW_WIDTH]);
      expect([...warn.mock.calls, ...log.mock.calls, ...err.mock.calls]).toEqual([]);
      await services.handlers['library.remove']({ ids: [cut.id!] });
    } finally {
      warn.mockRestore();
      log.mockRestore();
      err.mockRestore();
    }
  });

  it('leaves typeset pages to the reader’s pdf.js where the drawing worker cannot start', async () => {
    const broken = new TypesetRaster(new URL('./no-such-worker.ts', import.meta.url));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await broken.render(services.store.objectPath(cjk)!, 1, 100, 30)).toBeNull();
    expect(quiet).toHaveBeenCalledWith(expect.stringMatching(/^typeset previews off: /));
    quiet.mockRestore();
    broken.close();
  });

  it('gives a page whose drawing ends the worker (out of memory on a hostile page) no preview, and the next page a fresh worker', async () => {
    // Starts as the real worker does, then dies on every page as an out-of-memory worker would.
    const dying = join(root, 'dying-worker.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ ready: true }); parentPort.on('message', () => process.exit(3));\n");
    const raster = new TypesetRaster(pathToFileURL(dying));
    try {
      expect(await raster.render(services.store.objectPath(cjk)!, 1, 100, 30)).toBe('pdf.js could not draw the page: worker exited with 3');
      expect(await raster.render(services.store.objectPath(cjk)!, 1, 100, 30)).toBe('pdf.js could not draw the page: worker exited with 3');
    } finally {
      await raster.close();
    }
  });

  it('serves a preview under its original’s path, and only there', async () => {
    const ok = await get(host.port, `/files/${scan}/preview/1`, auth);
    expect([ok.status, ok.type, ok.body.subarray(0, 3).toString('hex')]).toEqual([200, 'image/jpeg', 'ffd8ff']);
    const refused = [
      `/files/${scan}/preview/2`, // past the last page
      `/files/${scan}/preview/0`,
      `/files/${scan}/preview/01`,
      `/files/${scan}/preview/1/`,
      `/files/${scan}/preview/1.jpg`,
      `/files/${scan}/preview/%31`,
      `/files/${scan}/preview/../preview/1`,
      `/files/${scan}%2Fpreview%2F1`,
      `/files/${'0'.repeat(64)}/preview/1`,
      `/previews/${scan.slice(0, 2)}/${scan}/1.jpg`,
    ];
    for (const path of refused) expect([path, (await get(host.port, path, auth)).status]).toEqual([path, 404]);
    expect((await get(host.port, `/files/${scan}/preview/1`, {})).status).toBe(401);
  });

  it('makes a missing preview on demand (a library from before previews), and never follows a planted symlink out', async () => {
    const path = services.previews.pathOf(scan, 1);
    unlinkSync(path);
    const made = await get(host.port, `/files/${scan}/preview/1`, auth);
    expect(made.status).toBe(200);
    expect(existsSync(path)).toBe(true);
    unlinkSync(path);
    writeFileSync(join(root, 'secret.jpg'), 'SECRET');
    symlinkSync(join(root, 'secret.jpg'), path);
    expect(services.previews.readyPath(scan, 1)).toBeNull();
    expect((await get(host.port, `/files/${scan}/preview/1`, auth)).status).toBe(404);
    unlinkSync(path);
  });

  it('answers document.pageView with the stored compact view: decoded, it is the page document.page gives', async () => {
    const call = (name: string, params: unknown) => dispatch(services.handlers, name, params);
    const block = ((await call('document.page', { id: scan, page: 1 })) as { result: PageModel }).result.blocks[3];
    await call('corrections.set', { docId: scan, page: 1, blockId: block.id, text: `${block.text} [sic]`, reason: 'test' });
    const model = ((await call('document.page', { id: scan, page: 1 })) as { result: PageModel }).result;
    const reply = ((await call('document.pageView', { id: scan, page: 1 })) as { ok: true; result: PageViewReply }).result;
    expect(reply.preview).toBe('pending'); // the last test removed it; the next request makes it again
    expect(reply.wire.length).toBeLessThan(200_000);
    const view = decodePageViewReply(reply);
    expect(view.blocks).toEqual(model.blocks);
    expect(view.blocks[3]).toMatchObject({ text: `${block.text} [sic]`, corrected: true });
    expect(view.photos).toEqual(model.photos);
    expect(view.items.map((it) => [it.str, it.rect, it.eol])).toEqual(model.items.map((it) => [it.str, it.rect, it.eol]));
    // Stored: the next answer passes the same text through.
    const stored = services.store.db.prepare('SELECT view FROM pages WHERE doc_id = ? AND number = 1').get(scan) as { view: string };
    expect(stored.view).toBe(reply.wire);
    const cjkReply = ((await call('document.pageView', { id: cjk, page: 1 })) as { ok: true; result: PageViewReply }).result;
    expect(cjkReply.preview).toBe('ready');
    expect((await call('document.pageView', { id: scan, page: 2 })) as { ok: false }).toMatchObject({ ok: false, error: 'page 2 is past the last page (1)' });
  });

  it('makes previews of an older version again (a library from before this size), and removes the old file', async () => {
    const current = (await services.previews.ensure(scan, 1))!;
    const old = join(services.store.dir, 'previews', scan.slice(0, 2), scan, '1.jpg');
    renameSync(current, old);
    expect(services.previews.state(scan, 1)).toBe('pending');
    await services.previews.catchUp();
    expect(services.previews.state(scan, 1)).toBe('ready');
    expect((await sharp(readFileSync(current)).metadata()).width).toBe(PREVIEW_WIDTH);
    expect(existsSync(old)).toBe(false);
  });

  it('encodes page views in a worker thread exactly as in the main thread, and falls back when the worker cannot start', async () => {
    const encoder = new ViewEncoder(join(services.store.dir, 'library.sqlite'));
    try {
      const inThread = JSON.stringify(encodePageView(services.store.page(scan, 1)!));
      expect(await encoder.encode(scan, 1)).toBe(inThread);
      expect(await encoder.encode(scan, 2)).toBeNull();
    } finally {
      await encoder.close();
    }
    const broken = new ViewEncoder(join(services.store.dir, 'library.sqlite'), new URL('./no-such-worker.ts', import.meta.url));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await broken.encode(scan, 1)).toBeUndefined();
    expect(quiet).toHaveBeenCalledWith(expect.stringMatching(/^page views: encoding in the main thread/));
    quiet.mockRestore();
    broken.close();
  });

  it('drops the previews of a removed document', async () => {
    await services.handlers['library.remove']({ ids: [cjk] });
    await services.previews.catchUp();
    expect(existsSync(join(services.store.dir, 'previews', cjk.slice(0, 2), cjk))).toBe(false);
  });
});
