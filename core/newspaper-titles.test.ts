import { describe, expect, it } from 'vitest';
import { foldNewspaperName, newspaperIndex, newspaperMatcher, newspaperTitles, type TitledDocument } from './newspaper-titles.ts';

// Spellings of one title as the Library of Congress METS, a PDF title and a file name give them.
const docs: TitledDocument[] = [
  { newspaper: 'The Evening star', lccn: 'sn83045462', metadataSource: 'mets' },
  { newspaper: 'The Evening star', lccn: 'sn83045462', metadataSource: 'mets' },
  { newspaper: 'Evening star (Washington, D.C.)', lccn: 'sn83045462', metadataSource: 'mets' },
  { newspaper: 'Evening Star', lccn: '', metadataSource: 'guess' },
  { newspaper: 'Evening star.', lccn: '', metadataSource: 'guess' },
  { newspaper: 'Der Nordstern', lccn: 'sn83045350', metadataSource: 'mets' },
  { newspaper: 'New-York tribune', lccn: '', metadataSource: 'guess' },
  { newspaper: '', lccn: '', metadataSource: 'guess' },
];

describe('newspaperTitles', () => {
  it('folds case, a leading "The", a place in parentheses and punctuation', () => {
    expect(['The Evening star', 'Evening star (Washington, D.C.)', 'Evening Star', 'Evening star.'].map(foldNewspaperName)).toEqual(Array(4).fill('evening star'));
  });

  it('lists one entry per LCCN, named by the commonest METS spelling, with every spelling it stands for', () => {
    expect(newspaperTitles(docs)).toEqual([
      { name: 'Der Nordstern', lccn: 'sn83045350', spellings: ['Der Nordstern'] },
      { name: 'New-York tribune', lccn: '', spellings: ['New-York tribune'] },
      { name: 'The Evening star', lccn: 'sn83045462', spellings: ['Evening Star', 'Evening star (Washington, D.C.)', 'Evening star.', 'The Evening star'] },
    ]);
  });

  it('names a title by what the archivist saved, before any METS', () => {
    const named = [...docs, { newspaper: 'Evening Star (Washington)', lccn: 'sn83045462', metadataSource: 'archivist' as const }];
    expect(newspaperTitles(named).map((t) => t.name)).toContain('Evening Star (Washington)');
    expect(newspaperTitles(named).map((t) => t.name)).not.toContain('The Evening star');
  });

  it('without an LCCN, still one entry for two spellings of one name', () => {
    const guessed: TitledDocument[] = [
      { newspaper: 'Evening Star', lccn: '', metadataSource: 'guess' },
      { newspaper: 'Evening Star', lccn: '', metadataSource: 'guess' },
      { newspaper: 'Evening star.', lccn: '', metadataSource: 'guess' },
    ];
    expect(newspaperTitles(guessed)).toEqual([{ name: 'Evening Star', lccn: '', spellings: ['Evening Star', 'Evening star.'] }]);
  });
});

describe('newspaperMatcher', () => {
  it('matches every spelling of the title chosen, and nothing else', () => {
    const match = newspaperMatcher(docs, 'The Evening star');
    expect(docs.filter(match).map((d) => d.newspaper)).toEqual(['The Evening star', 'The Evening star', 'Evening star (Washington, D.C.)', 'Evening Star', 'Evening star.']);
    expect(docs.filter(newspaperMatcher(docs, 'Der Nordstern'))).toHaveLength(1);
    expect(docs.filter(newspaperMatcher(docs, ''))).toHaveLength(docs.length);
    // A name no entry has (typed into the API): that name exactly.
    expect(docs.filter(newspaperMatcher(docs, 'Evening star.'))).toHaveLength(1);
  });
});

describe('newspaperIndex', () => {
  it('names every document by its title’s name and keys it by LCCN, else by folded name', () => {
    const index = newspaperIndex(docs);
    expect(docs.map(index.nameOf)).toEqual([
      'The Evening star',
      'The Evening star',
      'The Evening star',
      'The Evening star',
      'The Evening star',
      'Der Nordstern',
      'New-York tribune',
      '',
    ]);
    expect(docs.map(index.keyOf)).toEqual([...Array(5).fill('lccn:sn83045462'), 'lccn:sn83045350', 'name:new york tribune', '']);
    // An LCCN page with no name yet is named by its title's other pages, and is no entry of its own in the filter.
    const unnamed = { newspaper: '', lccn: 'sn83045462', metadataSource: 'mets' as const };
    expect(newspaperIndex([...docs, unnamed]).nameOf(unnamed)).toBe('The Evening star');
    expect(newspaperTitles([unnamed]).length).toBe(0);
    expect(newspaperIndex([unnamed]).nameOf(unnamed)).toBe('sn83045462');
  });
});

describe('a stable name', () => {
  // 1859's METS spells the Evening Star one way, 1918's another; pages come in over time.
  const page = (newspaper: string, importedAt: string, metadataSource: 'mets' | 'archivist' = 'mets'): TitledDocument => ({ newspaper, lccn: 'sn83045462', metadataSource, importedAt });
  const SHORT = 'The Evening star';
  const LONG = 'Evening star (Washington, D.C.)';

  it('is the spelling of the first page imported, in either order, not the commonest of the moment', () => {
    const shortFirst = [page(SHORT, '2026-01-01T00:00:00.000Z'), page(LONG, '2026-01-02T00:00:00.000Z'), page(LONG, '2026-01-03T00:00:00.000Z')];
    const longFirst = [page(LONG, '2026-01-01T00:00:00.000Z'), page(SHORT, '2026-01-02T00:00:00.000Z'), page(SHORT, '2026-01-03T00:00:00.000Z')];
    expect(newspaperTitles(shortFirst).map((t) => t.name)).toEqual([SHORT]);
    expect(newspaperTitles(longFirst).map((t) => t.name)).toEqual([LONG]);
    // The list comes in date order, not import order: the name does not follow it.
    expect(newspaperTitles([...shortFirst].reverse()).map((t) => t.name)).toEqual([SHORT]);
  });

  it('gives way only to the archivist’s, whenever it came', () => {
    const docs = [page(SHORT, '2026-01-01T00:00:00.000Z'), page('Evening Star (Washington)', '2026-01-05T00:00:00.000Z', 'archivist'), page(LONG, '2026-01-09T00:00:00.000Z')];
    expect(newspaperTitles(docs).map((t) => t.name)).toEqual(['Evening Star (Washington)']);
  });
});
