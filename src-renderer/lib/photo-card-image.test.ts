import { describe, expect, it } from 'vitest';
import { photoCardImage, TEXT_PHOTOS_NOTE } from './photo-card-image.ts';

describe('photoCardImage', () => {
  it('a text document has no page image: its cards say "Caption only", never "Not in this file"', () => {
    expect(photoCardImage('text', [0, 0, 0, 0])).toEqual({ kind: 'none', label: 'Caption only' });
    expect(photoCardImage('text', [10, 10, 200, 150])).toEqual({ kind: 'none', label: 'Caption only' });
    expect(TEXT_PHOTOS_NOTE).toBe('A text file has no page image: its photos are known by their captions.');
  });

  it("a PDF's photo is cropped from the page, or said missing when it has no area there", () => {
    expect(photoCardImage('pdf', [10, 10, 200, 150])).toEqual({ kind: 'crop' });
    expect(photoCardImage('pdf', [0, 0, 0, 0])).toEqual({ kind: 'none', label: 'Not in this file' });
  });
});
