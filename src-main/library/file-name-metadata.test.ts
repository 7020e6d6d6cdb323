import { describe, expect, it } from 'vitest';
import { metadataFromFileName, metadataFromPdfTitle } from './file-name-metadata.ts';

describe('metadataFromFileName', () => {
  it('reads Library of Congress style names', () => {
    expect(metadataFromFileName('evening-star-1859-02-21-p7.pdf')).toEqual({
      newspaper: 'Evening Star',
      date: '1859-02-21',
      page: 7,
      edition: '',
      title: '',
      language: '',
    });
  });

  it('reads Chinese page markers and compact dates', () => {
    const meta = metadataFromFileName('永康日报_20210115_第3版.pdf');
    expect(meta).toMatchObject({ newspaper: '永康日报', date: '2021-01-15', page: 3 });
  });

  it('leaves what it cannot read empty rather than guessing', () => {
    expect(metadataFromFileName('000_c995828efad2e200.txt')).toEqual({
      newspaper: '',
      date: '',
      page: null,
      edition: '',
      title: '',
      language: '',
    });
  });

  it('rejects impossible dates', () => {
    expect(metadataFromFileName('paper-2020-13-45.pdf').date).toBe('');
  });
});

describe('names that carry no newspaper', () => {
  it('does not make a newspaper of a name without a date or page', () => {
    expect(metadataFromFileName('huge-50mb.pdf').newspaper).toBe('');
    expect(metadataFromFileName('0007.pdf')).toEqual({ newspaper: '', date: '', page: null, edition: '', title: '', language: '' });
  });

  it('rejects dates that are not in the calendar', () => {
    expect(metadataFromFileName('paper-1865-02-30.pdf').date).toBe('');
    expect(metadataFromFileName('paper-1864-02-29.pdf').date).toBe('1864-02-29');
  });
});

describe('metadataFromPdfTitle', () => {
  it('reads Chronicling America style titles', () => {
    expect(metadataFromPdfTitle('Der Nordstern (St. Cloud, Minn.) … 1878-01-03 [p ]')).toEqual({ newspaper: 'Der Nordstern (St. Cloud, Minn.)', date: '1878-01-03' });
    expect(metadataFromPdfTitle('Der Nordstern (St. Cloud, Minn.) 1874-1931, January 03, 1878, Image 1')).toEqual({
      newspaper: 'Der Nordstern (St. Cloud, Minn.)',
      date: '1878-01-03',
      page: 1,
    });
    expect(metadataFromPdfTitle('Omaha daily bee. [volume] (Omaha [Neb.]) 1872-1922, June 05, 1895 [p 3]')).toEqual({
      newspaper: 'Omaha daily bee. [volume] (Omaha [Neb.])',
      date: '1895-06-05',
      page: 3,
    });
  });

  it('reads nothing from a title without a date', () => {
    expect(metadataFromPdfTitle('Annual report')).toEqual({});
  });
});
