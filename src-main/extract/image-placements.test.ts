import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { RawImage, RawPage } from '../../core/page-model.ts';
import { gradientPhoto } from '../../scripts/fixtures/png.ts';
import { extractAll } from './extract-pdf.ts';
import { openPlacementReader } from './image-placements.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'fixtures/pdf');

/** Same count, same order, rects within 0.5 pt, same pixel sizes. */
function expectSameImages(actual: RawImage[], expected: RawImage[], where: string): void {
  expect(actual.length, `${where}: image count`).toBe(expected.length);
  actual.forEach((img, i) => {
    const want = expected[i];
    for (let k = 0; k < 4; k++) expect(Math.abs(img.rect[k] - want.rect[k]), `${where}: image ${i} rect[${k}] ${img.rect} vs ${want.rect}`).toBeLessThanOrEqual(0.5);
    expect([img.pixelWidth, img.pixelHeight], `${where}: image ${i} pixels`).toEqual([want.pixelWidth, want.pixelHeight]);
  });
}

/** Both ways on fresh copies (pdf.js may take the buffer), and proof that the content-stream way really ran. */
async function compare(bytes: Uint8Array, where: string): Promise<RawPage[]> {
  const reader = await openPlacementReader(bytes.slice());
  expect(reader, `${where}: pdf-lib opened it`).not.toBeNull();
  const fresh = await extractAll(bytes.slice());
  const old = await extractAll(bytes.slice(), { imageSource: 'operator-list' });
  expect(fresh.length).toBe(old.length);
  for (let p = 0; p < old.length; p++) {
    expect(reader!.page(p + 1), `${where}: page ${p + 1} read from its content stream`).not.toBeNull();
    expectSameImages(fresh[p].images, old[p].images, `${where} p${p + 1}`);
  }
  return fresh;
}

/**
 * Every way of painting an image the interpreter has to follow, on a rotated
 * page whose MediaBox does not start at 0,0, so the viewport conversion is
 * exercised too.
 */
async function trickyPdf(rotate: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const photo = await doc.embedPng(gradientPhoto(16, 12, 3));
  const page = doc.addPage([600, 800]);
  page.setMediaBox(40, 60, 600, 800);
  page.setRotation(degrees(rotate));
  page.drawImage(photo, { x: 100, y: 200, width: 120, height: 90, rotate: degrees(30) });
  const ctx = doc.context;
  const imName = page.node.newXObject('Im', photo.ref);
  // A form with its own /Matrix and /Resources, itself painting a nested form that has no /Resources:
  // that one draws with the resources of the form that paints it, where the photo is called P.
  const inner = ctx.register(ctx.stream('q 30 0 0 20 0 0 cm /P Do Q', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100] }));
  const form = ctx.register(
    ctx.flateStream('q 50 0 0 40 10 10 cm /P Do Q 1 0 0 1 100 0 cm /Inner Do', {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 300, 300],
      Matrix: [0.8, 0.2, -0.2, 0.8, 15, 25],
      Resources: { XObject: { P: photo.ref, Inner: inner } },
    }),
  );
  const formName = page.node.newXObject('Fm', form);
  const inline = (x: number, y: number) => `q 6 0 0 6 ${x} ${y} cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u0045\u0049\u0000\u00ff EI Q\n`;
  const parts = [
    // q … cm in one stream, Do … Q in the next: /Contents is one stream split anywhere between tokens.
    `q 1 0 0 1 ${40 + 20} ${60 + 500} cm 0.5 0 0 0.5 0 0 cm`,
    `/${formName.decodeText()} Do Q (a \\) string /${imName.decodeText()} Do) Tj % /${imName.decodeText()} Do\n`,
    // An unfiltered inline image whose bytes hold " EI " — skipped by its length — and many small ones, which pdf.js groups.
    `q 80 0 0 60 400 300 cm BI /W 4 /H 1 /CS /G /BPC 8 ID  EI  EI Q\n` + Array.from({ length: 12 }, (_, i) => inline(60 + i * 10, 100)).join(''),
  ];
  for (const part of parts) page.node.addContentStream(ctx.register(ctx.flateStream(part)));
  return doc.save({ useObjectStreams: true });
}

describe('image placements from content streams equal pdf.js operator-list placements', () => {
  const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.pdf') && f !== 'encrypted.pdf');

  it('has fixtures to compare, with images among them', async () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  for (const f of fixtures) {
    it(`on fixtures/pdf/${f}`, async () => {
      await compare(new Uint8Array(readFileSync(path.join(fixtureDir, f))), f);
    });
  }

  for (const rotate of [0, 90, 270]) {
    it(`on a hand-made page with forms, inline images and split content streams, /Rotate ${rotate}`, async () => {
      const [page] = await compare(await trickyPdf(rotate), `tricky ${rotate}`);
      // drawImage + form (photo and inner form) + 1 big inline + 12 small inline.
      expect(page.images).toHaveLength(16);
      expect(page.images.filter((i) => i.pixelWidth === 16 && i.pixelHeight === 12)).toHaveLength(3);
      expect(page.images.filter((i) => i.pixelWidth === 2)).toHaveLength(12);
    });
  }

  for (const { name: f, pdf } of realScannedPages()) {
    it(`on the real scanned page ${f}`, async () => {
      const [page] = await compare(new Uint8Array(readFileSync(pdf)), f);
      expect(page.images).toHaveLength(1);
      expect(page.images[0].pixelWidth).toBeGreaterThan(2000);
    });
  }
});

describe('openPlacementReader', () => {
  // fixtures/pdf/encrypted.pdf is committed: a missing copy is a failure, not a skip.
  it('declines an encrypted file, whose streams it cannot decrypt', async () => {
    const file = path.join(fixtureDir, 'encrypted.pdf');
    expect(await openPlacementReader(new Uint8Array(readFileSync(file)))).toBeNull();
  });

  it('finds images through resources inherited from the page tree', async () => {
    const doc = await PDFDocument.create();
    const photo = await doc.embedPng(gradientPhoto(5, 7, 1));
    const page = doc.addPage([300, 300]);
    const ctx = doc.context;
    page.node.addContentStream(ctx.register(ctx.stream('q 50 0 0 70 10 20 cm /Shared Do Q')));
    // Resources only on the /Pages node: the page inherits them.
    page.node.delete(PDFName.of('Resources'));
    doc.catalog.Pages().set(PDFName.of('Resources'), ctx.obj({ XObject: { Shared: photo.ref } }));
    const bytes = await doc.save();
    const reader = await openPlacementReader(bytes);
    expect(reader!.page(1)).toEqual([{ ctm: [50, 0, 0, 70, 10, 20], pixelWidth: 5, pixelHeight: 7 }]);
    expect(reader!.page(2)).toBeNull();
    await compare(bytes, 'inherited resources');
  });

  it('declines bytes pdf-lib cannot parse at all', async () => {
    expect(await openPlacementReader(new Uint8Array(Buffer.from('%PDF-1.7\n garbage without objects')))).toBeNull();
  });
});
