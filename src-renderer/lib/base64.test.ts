import { expect, it } from 'vitest';
import { bytesToBase64 } from './base64.ts';

it('matches Node base64 across chunk boundaries', () => {
  const bytes = new Uint8Array(0x8000 * 2 + 7);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  expect(bytesToBase64(new Uint8Array())).toBe('');
});
