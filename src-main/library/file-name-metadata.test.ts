import { describe, expect, it } from 'vitest';
import { metadataFromFileName } from './file-name-metadata.ts';

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

  it('takes only a date that exists', () => {
    expect(metadataFromFileName('evening-star-1865-02-30-p1.pdf').date).toBe('');
    expect(metadataFromFileName('evening-star-1904-02-29-p1.pdf').date).toBe('1904-02-29');
  });
});
