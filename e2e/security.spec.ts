import { test, expect } from './support/fixtures.ts';

test.describe('renderer security', () => {
  test('the renderer cannot reach Node', async ({ app }) => {
    const reach = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      bridgeKeys: Object.keys((window as { archive?: object }).archive ?? {}).sort(),
    }));
    expect(reach.require).toBe('undefined');
    expect(reach.process).toBe('undefined');
    expect(reach.module).toBe('undefined');
    // In Electron the preload exposes exactly the typed bridge; the browser has none.
    expect(reach.bridgeKeys).toEqual(app.host === 'electron' ? ['fileUrl', 'invoke', 'on'] : []);
  });

  test('the CSP blocks inline script and remote loads', async ({ app }) => {
    const { page } = app;
    const violations: string[] = [];
    await page.exposeFunction('__reportViolation', (d: string) => violations.push(d));
    const result = await page.evaluate(async () => {
      const report = (window as unknown as { __reportViolation: (d: string) => void }).__reportViolation;
      document.addEventListener('securitypolicyviolation', (e) => report(e.violatedDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true;';
      document.body.append(inline);
      const remote = document.createElement('script');
      remote.src = 'https://cdn.example.com/evil.js';
      const remoteFailed = new Promise<boolean>((resolve) => {
        remote.onerror = () => resolve(true);
        remote.onload = () => resolve(false);
      });
      document.body.append(remote);
      let fetchBlocked = false;
      try {
        await fetch('https://example.com/beacon');
      } catch {
        fetchBlocked = true;
      }
      return { inlineRan: (window as { __inlineRan?: boolean }).__inlineRan === true, remoteFailed: await remoteFailed, fetchBlocked };
    });
    expect(result.inlineRan).toBe(false);
    expect(result.remoteFailed).toBe(true);
    expect(result.fetchBlocked).toBe(true);
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(3);
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });

  test('a malformed request gets an error reply and the app keeps working', async ({ app }) => {
    const { page } = app;
    const replies = await page.evaluate(async () => {
      const call = async (name: string, params: unknown) => {
        const bridge = (window as { archive?: { invoke(n: string, p: unknown): Promise<unknown> } }).archive;
        if (bridge) return bridge.invoke(name, params);
        const res = await fetch(`api/${name}`, { method: 'POST', body: JSON.stringify(params), headers: { 'content-type': 'application/json' } });
        return res.json();
      };
      return {
        missing: await call('document.page', {}),
        mistyped: await call('document.page', { id: 'x', page: 'one' }),
        unknown: await call('shell.exec', { cmd: 'rm -rf /' }),
        list: await call('library.list', {}),
      };
    });
    expect(replies.missing).toMatchObject({ ok: false, error: expect.stringContaining('document.page: invalid') });
    expect(replies.mistyped).toMatchObject({ ok: false });
    expect(replies.unknown).toMatchObject({ ok: false, error: expect.stringContaining('unknown request') });
    expect(replies.list).toMatchObject({ ok: true });
    expect((replies.list as { result: unknown[] }).result.length).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'Library' })).toBeVisible();
  });
});
