/**
 * node bench/library-first-screen-bound.ts --library DIR [--runs 7]   (after npm run build)
 *
 * What a server-rendered first screen could win at best (issue #12): the app's own first-screen markup, captured
 * from a live load of the library, served as a static page with the app's style sheet and no script ("full"; "onerow":
 * one row of it), beside the harness's floor (one unstyled row, "floor") and the live app ("live"), each in a fresh
 * Chromium, alternated. Prints the first row in a frame and painted, as bench/library-cold-start.ts reads them.
 * A --library folder that holds no library yet gets the 10,000-document one bench:library builds.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBenchBrowser } from './support/bench-browser.ts';
import { buildBenchLibrary } from './support/bench-library.ts';
import { recordLibraryLoad } from './support/library-load-marks.ts';
import { ROOT, startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, runs: { type: 'string', default: '7' } } });
if (!values.library) throw new Error('--library DIR (a library made by bench:library, or an empty folder to build one in)');
if (!existsSync(join(values.library, 'library.sqlite'))) await buildBenchLibrary(values.library, 10_000);
const host = await startHostProcess(values.library);
let b = await launchBenchBrowser();
let ctx = await b.newContext({ viewport: { width: 1440, height: 900 } });
let p = await ctx.newPage();
await p.goto(host.url);
await p.locator('[aria-label="Documents"] li button').first().waitFor();
await p.waitForTimeout(500);
const body = await p.evaluate(() => document.getElementById('app')!.outerHTML);
await b.close();
const dir = join(ROOT, 'out', 'renderer');
const index = readFileSync(join(dir, 'index.html'), 'utf8');
const first = body.indexOf('<li '), last = body.lastIndexOf('</li>');
const oneRow = body.slice(0, body.indexOf('</li>', first) + 5) + body.slice(last + 5);
const noScript = index.replace(/<script type="module"[^>]*><\/script>/, '');
const pages: Record<string, string> = {
  full: noScript.replace(/<body>[\s\S]*<\/body>/, `<body>${body}</body>`),
  onerow: noScript.replace(/<body>[\s\S]*<\/body>/, `<body>${oneRow}</body>`),
};
const floor = `<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><ul aria-label="Documents"><li><button elementtiming="library-row">Evening Star, 1 September 1918</button></li></ul></body></html>`;
pages.floor = floor;
const server = createServer((req, res) => {
  const u = req.url!.split('?')[0];
  if (pages[u.slice(1)]) { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(pages[u.slice(1)]); }
  if (u.startsWith('/assets/')) { res.writeHead(200, { 'content-type': u.endsWith('.css') ? 'text/css' : 'text/javascript' }); return res.end(readFileSync(join(dir, u))); }
  res.writeHead(404); res.end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
console.log(`captured first screen: ${body.length} chars, ${(body.match(/<li/g) ?? []).length} li`);
const kinds = ['full', 'onerow', 'floor', 'live'];
const res: Record<string, number[][]> = Object.fromEntries(kinds.map((k) => [k, []]));
for (let i = 0; i < Number(values.runs); i++) for (const kind of kinds) {
  b = await launchBenchBrowser();
  ctx = await b.newContext({ viewport: { width: 1440, height: 900 } });
  await recordLibraryLoad(ctx);
  p = await ctx.newPage();
  await p.goto(kind === 'live' ? host.url : url + kind);
  await p.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, null, { timeout: 30000 });
  const t = await p.evaluate(() => { const w = window as unknown as { __painted: number; __interactive?: number }; return [w.__painted, w.__interactive ?? NaN]; });
  res[kind].push(t);
  console.log(`${kind} painted ${t[0].toFixed(0)} in a frame ${t[1].toFixed(0)}`);
  await b.close();
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const k of Object.keys(res)) console.log(`${k}: median painted ${med(res[k].map((x) => x[0])).toFixed(0)} in a frame ${med(res[k].map((x) => x[1])).toFixed(0)}`);
server.close(); await host.stop();
