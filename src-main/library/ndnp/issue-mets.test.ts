import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeIssueMets, parseIssueMets } from './issue-mets.ts';

const LOC = join(import.meta.dirname, '../../../../shared/pdfs/loc');
const haveLoc = existsSync(LOC);
if (!haveLoc) console.log(`issue-mets: ${LOC} is absent (it exists only on the project's machines); the Library of Congress METS checks are skipped`);

describe.skipIf(!haveLoc)('issue METS from the Library of Congress', () => {
  const read = (name: string) => readFileSync(join(LOC, `${name}.mets.xml`), 'utf8');

  it('reads the LCCN, date, edition, volume and number, and the page files', () => {
    const xml = read('evening-star-1859-02-21-p7');
    expect(looksLikeIssueMets(xml.slice(0, 4096))).toBe(true);
    expect(parseIssueMets(xml)).toEqual({
      lccn: 'sn83045462',
      title: 'The Evening star',
      date: '1859-02-21',
      edition: '1',
      volume: '13',
      number: '1,887',
      pages: [{ sequence: 1, pageNumber: '', files: { tiff: './0007.tif', jp2: './0007.jp2', pdf: './0007.pdf', alto: './0007.xml' } }],
    });
  });

  it('reads an issue without volume and number', () => {
    const m = parseIssueMets(read('evening-star-1918-09-01-p1'));
    expect([m.lccn, m.title, m.date, m.edition, m.volume, m.number]).toEqual(['sn83045462', 'Evening star (Washington, D.C.)', '1918-09-01', '1', '', '']);
  });
});

describe('parseIssueMets refuses what is not an issue METS', () => {
  it('names the source and the reason', () => {
    expect(() => parseIssueMets('<mets TYPE="other"/>', 'x.xml')).toThrow('x.xml: not an NDNP issue METS');
    expect(() => parseIssueMets('<alto/>', 'y.xml')).toThrow('y.xml: not an NDNP issue METS');
    expect(looksLikeIssueMets('<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">')).toBe(false);
  });
});
