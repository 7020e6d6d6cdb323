import { describe, expect, it } from 'vitest';
import { appBrowserArgs } from './app-browser-args.ts';

describe('appBrowserArgs', () => {
  it('pairs --no-sandbox with --test-type, so Chromium shows no "unsupported flag" bar over the app', () => {
    const args = appBrowserArgs('http://127.0.0.1:1/?token=t', '/tmp/p', true);
    expect(args).toContain('--no-sandbox');
    expect(args).toContain('--test-type');
    expect(args[0]).toBe('--app=http://127.0.0.1:1/?token=t');
  });
  it('keeps the sandbox for everyone else', () => {
    const args = appBrowserArgs('http://127.0.0.1:1/', '/tmp/p', false);
    expect(args).not.toContain('--no-sandbox');
    expect(args).not.toContain('--test-type');
  });
});
