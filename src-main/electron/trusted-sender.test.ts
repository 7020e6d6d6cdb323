import { describe, expect, it } from 'vitest';
import { isAppUrl } from './ipc-channels.ts';
import { isTrustedSender } from './trusted-sender.ts';

describe('isTrustedSender', () => {
  it('accepts our own top-level page', () => {
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: null })).toBe(true);
  });

  it.each([
    ['no frame', null],
    ['a remote page', { url: 'https://example.com/', parent: null }],
    ['a file URL', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['another host on our scheme', { url: 'app://evil/index.html', parent: null }],
    ['an iframe inside our page', { url: 'app://bundle/index.html', parent: {} }],
    ['a lookalike origin', { url: 'app://bundle.evil.com/', parent: null }],
    ['garbage', { url: 'not a url', parent: null }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('recognises our origin even though Node reports custom-scheme origins as "null"', () => {
    expect(new URL('app://bundle/index.html').origin).toBe('null');
    expect(isAppUrl('app://bundle/files/abc')).toBe(true);
    expect(isAppUrl('app://bundle.evil/x')).toBe(false);
    expect(isAppUrl('app://user@bundle/x')).toBe(false);
    expect(isAppUrl('http://bundle/x')).toBe(false);
  });
});
