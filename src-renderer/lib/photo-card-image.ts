/**
 * What a photo's card in the Photos panel shows where its picture would be: the picture cropped from the page, or
 * why there is none. A plain-text document (a .txt OCR dump) has no page image at all: its photos are the captions
 * the text names, so "Not in this file" read as if the file had lost something. A PDF whose photo has no area on the
 * page (an empty rectangle) does lack the picture.
 */
export type PhotoCardImage = { kind: 'crop' } | { kind: 'none'; label: string };

export function photoCardImage(docKind: 'pdf' | 'text', rect: readonly [number, number, number, number]): PhotoCardImage {
  if (docKind === 'text') return { kind: 'none', label: 'Caption only' };
  return rect[2] > rect[0] ? { kind: 'crop' } : { kind: 'none', label: 'Not in this file' };
}

/** The line above a text document's cards, saying once why none has a picture. */
export const TEXT_PHOTOS_NOTE = 'A text file has no page image: its photos are known by their captions.';
