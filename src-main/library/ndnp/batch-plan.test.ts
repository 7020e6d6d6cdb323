import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNdnpBatch, type BatchPageTruth } from '../../../scripts/fixtures/ndnp-batch.ts';
import { planNdnpImport } from './batch-plan.ts';

let dir: string;
let truth: BatchPageTruth[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ndnp-plan-'));
  truth = await generateNdnpBatch(dir, { issues: 12, pagesPerIssue: 4 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planNdnpImport', () => {
  it('reads every page of every issue with the METS date, edition, order, page number and LCCN', () => {
    const plan = planNdnpImport(dir);
    const got = plan.pages.map((p) => ({ pdf: p.pdf, alto: p.alto, ...p.meta }));
    const want = [...truth]
      .sort((a, b) => (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : a.sequence - b.sequence))
      .map((t) => ({ pdf: t.pdf, alto: t.alto, lccn: t.lccn, newspaper: t.title, date: t.date, edition: t.edition, volume: t.volume, number: t.number, issue: t.issue, sequence: t.sequence, pageNumber: t.pageNumber }));
    expect(got).toEqual(want);
    // Pages filmed out of order: the file names disagree with the METS somewhere, and the plan follows the METS.
    expect(truth.some((t, i) => i > 0 && t.issue === truth[i - 1].issue && t.pdf < truth[i - 1].pdf)).toBe(true);
  });

  it('accounts for the images and the manifest as skipped, each with a reason, and each METS as used', () => {
    const plan = planNdnpImport(dir);
    const jp2 = plan.skipped.filter((s) => s.path.endsWith('.jp2'));
    expect(jp2).toHaveLength(truth.length);
    expect(jp2[0].reason).toMatch(/JP2 page image/);
    expect(plan.skipped.filter((s) => /METS/.test(s.reason) && !/batch manifest/.test(s.reason))).toEqual([]);
    expect(plan.used).toHaveLength(12);
    expect(plan.used[0].reason).toBe('issue METS (read for dates and page order)');
    expect(plan.skipped.find((s) => s.path.endsWith('batch.xml'))?.reason).toMatch(/batch manifest/);
    for (const t of truth) expect(plan.claimed.has(t.alto)).toBe(true);
  });

  it('works from one issue folder, and never follows a METS out of its folder', () => {
    const issueDir = join(truth[0].pdf, '..');
    expect(planNdnpImport(issueDir).pages.map((p) => p.pdf)).toEqual(truth.filter((t) => t.issue === truth[0].issue).map((t) => t.pdf));
    const hostile = mkdtempSync(join(tmpdir(), 'ndnp-hostile-'));
    writeFileSync(
      join(hostile, '1900010101.xml'),
      `<mets TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue" xmlns="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
<dmdSec ID="i"><mdWrap><xmlData><mods:mods><mods:originInfo><mods:dateIssued>1900-01-01</mods:dateIssued></mods:originInfo></mods:mods></xmlData></mdWrap></dmdSec>
<fileSec><fileGrp><file ID="f" USE="derivative"><FLocat xlink:href="../../etc/passwd.pdf"/></file></fileGrp></fileSec>
<structMap><div TYPE="np:issue" DMDID="i"><div TYPE="np:page"><fptr FILEID="f"/></div></div></structMap></mets>`,
    );
    const plan = planNdnpImport(hostile);
    expect(plan.pages).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toContain('page 1 has no PDF inside the issue folder');
    rmSync(hostile, { recursive: true, force: true });
  });

  it('says why a broken METS is skipped', () => {
    const broken = mkdtempSync(join(tmpdir(), 'ndnp-broken-'));
    writeFileSync(join(broken, '1900010101.xml'), '<mets TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue"><dmdSec');
    expect(planNdnpImport(broken).skipped[0].reason).toMatch(/^not well-formed XML|no np:issue/);
    rmSync(broken, { recursive: true, force: true });
  });
});

describe('pages saved beside their METS under their own name (Library of Congress downloads)', () => {
  it('reads the METS metadata for NAME.pdf next to NAME.mets.xml although the METS names ./0007.pdf', async () => {
    const d = mkdtempSync(join(tmpdir(), 'ndnp-renamed-'));
    try {
      const [page] = await generateNdnpBatch(join(d, 'src'), { issues: 1, pagesPerIssue: 1 });
      const { readFileSync, readdirSync, copyFileSync } = await import('node:fs');
      const issueDir = join(page.pdf, '..');
      const mets = readdirSync(issueDir).find((f) => /^\d{10}\.xml$/.test(f))!;
      const flat = join(d, 'flat');
      (await import('node:fs')).mkdirSync(flat);
      copyFileSync(page.pdf, join(flat, 'gazette-1900-12-21-p1.pdf'));
      copyFileSync(page.alto, join(flat, 'gazette-1900-12-21-p1.alto.xml'));
      copyFileSync(join(issueDir, mets), join(flat, 'gazette-1900-12-21-p1.mets.xml'));
      expect(readFileSync(join(flat, 'gazette-1900-12-21-p1.mets.xml'), 'utf8')).toContain('./0001.pdf');
      const plan = planNdnpImport(flat);
      expect(plan.pages.map((p) => [p.pdf, p.alto, p.meta.lccn, p.meta.date, p.meta.issue])).toEqual([
        [join(flat, 'gazette-1900-12-21-p1.pdf'), join(flat, 'gazette-1900-12-21-p1.alto.xml'), page.lccn, page.date, page.issue],
      ]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
