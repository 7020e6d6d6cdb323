import { expect, it } from 'vitest';
import { filesFromList } from './dropped-files.ts';

const xml = (name: string, body: string) => new File([`<?xml version="1.0" encoding="UTF-8"?>\n${body}`], name, { type: 'text/xml' });

it('sends an ALTO page and an issue METS with the scans, and names other XML and images as left out', async () => {
  const picked = [
    new File(['%PDF-1.4\n'], '0001.pdf'),
    xml('0001.xml', '<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout/></alto>'),
    xml('1901020301.xml', '<mets TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue" xmlns="http://www.loc.gov/METS/"></mets>'),
    xml('notes.xml', '<notes/>'),
    new File(['x'], '0001.jp2'),
  ];
  const { files, skipped } = await filesFromList(picked);
  expect(files.map((f) => f.name)).toEqual(['0001.pdf', '0001.xml', '1901020301.xml']);
  expect(skipped.map((s) => s.file)).toEqual(['notes.xml', '0001.jp2']);
});
