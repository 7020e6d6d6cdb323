import { test, expect } from './support/fixtures.ts';

// The browser host only: Electron serves app:// with no token (playwright.config.ts leaves this file out of its project).
test('the token leaves the address bar, and its cookie reaches no other local service', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('region', { name: 'Library' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(new URL(page.url()).pathname).toMatch(/^\/s\/[\w-]+\/$/);
  const cookies = page.context().cookies.bind(page.context());
  expect(await cookies(page.url())).toHaveLength(1);
  // Cookies ignore ports: another service on 127.0.0.1, or another path of this one, must not get it.
  expect(await cookies('http://127.0.0.1:9/')).toEqual([]);
  expect(await cookies(`${app.origin}/`)).toEqual([]);
  expect(await cookies(`${app.origin}/api/library.list`)).toEqual([]);
});
