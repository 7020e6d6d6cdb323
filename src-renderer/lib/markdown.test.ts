import { beforeAll, describe, expect, it } from 'vitest';
import { loadMarkdown, renderNote } from './markdown.ts';

describe('note Markdown before markdown-it has loaded', () => {
  it('is escaped plain text, never markup', async () => {
    // A fresh module: markdown-it not loaded yet.
    const fresh = await import('./markdown.ts?before-load' as string) as typeof import('./markdown.ts');
    const html = fresh.renderNote('<img src=x onerror=alert(1)> **b**\nline');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; **b**<br>\nline</p>\n');
  });
});

describe('note Markdown', () => {
  beforeAll(() => loadMarkdown());

  it('renders the structure an archivist writes', () => {
    expect(renderNote('**Name** is _spelt_ `Tbe` here.\n\n- one\n- two')).toBe(
      '<p><strong>Name</strong> is <em>spelt</em> <code>Tbe</code> here.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<a href="javascript:alert(1)">x</a>', '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;'],
    ['[click](javascript:alert(1))', '[click](javascript:alert(1))'],
    ['![t](http://tracker.example/p.png)', '![t](http://tracker.example/p.png)'],
    ['<http://example.org>', '&lt;http://example.org&gt;'],
    ['<svg onload=alert(1)>', '&lt;svg onload=alert(1)&gt;'],
    ['<style>body{display:none}</style>', '&lt;style&gt;body{display:none}&lt;/style&gt;'],
    ['[a]: javascript:alert(1)\n\n[a]', '[a]: javascript:alert(1)'],
  ])('never turns %j into markup', (input, escaped) => {
    const html = renderNote(input);
    expect(html).toContain(escaped);
    // No element other than the block and inline structure markdown itself makes.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());
    expect(tags.every((t) => ['p', 'em', 'strong', 'code', 'br'].includes(t)), html).toBe(true);
    expect(html).not.toMatch(/<[^>]+\s(on\w+|href|src|style)=/i);
  });
});
