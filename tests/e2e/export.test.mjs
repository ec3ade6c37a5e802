// The widget, unchanged, against `stele-relay export` files on a plain static host (no relay).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, waitReady, watchedPage } from './harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };
let dir, host, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stele-export-'));
  execFileSync(join(ROOT, process.env.STELE_RELAY_BIN || 'target/debug/stele-relay'), ['demo', '--export', join(dir, 'reviews')]);
  cpSync(join(ROOT, 'target/widget/dist'), join(dir, 'widget'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static export</title>
<script type="module" src="/widget/stele.js"></script></head><body><main><h1>Static</h1>
<stele-stars product="2183" src="/reviews/"></stele-stars> <stele-stars product="1001" src="/reviews/"></stele-stars>
<stele-reviews product="2183" src="/reviews/" loading="eager"></stele-reviews></main></body></html>`);
  // A plain file server: no query strings, no relay, 404 for anything that is not a file.
  const server = createServer(async (req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html')));
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    }
  });
  await new Promise((resolve) => server.listen(18831, '127.0.0.1', resolve));
  host = { url: 'http://127.0.0.1:18831/', stop: () => server.close() };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the widget works unchanged against a static export', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const statuses = [];
  page.on('response', (r) => statuses.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(host.url);
  await waitReady(page, 3);
  const text = await shadowText(page, 'stele-reviews');
  assert.match(text, /Verified buyer/);
  const controls = await page.$eval('stele-reviews', (el) => el.shadowRoot.querySelectorAll('input[type=search], input[type=checkbox]').length);
  assert.equal(controls, 0, 'search and "with comment" need the live relay and are hidden');
  assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /out of 5, \d+ reviews/);

  // A histogram row and "load more" read canonical files.
  await page.evaluate(() => document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-histogram__row').click());
  await page.waitForFunction(() => document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-histogram__row[aria-pressed=true]'));
  await page.waitForFunction(() => !document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-list.is-loading'));
  const stars = await page.$eval('stele-reviews', (el) => [...el.shadowRoot.querySelectorAll('.stele-list [role=img]')].map((r) => r.getAttribute('aria-label')));
  assert.ok(stars.length > 0 && stars.every((label) => /Rated (4\.5|5\.0) out of 5/.test(label)), stars.join(' | '));
  await page.evaluate(() => document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-more')?.click());
  await page.waitForFunction(() => document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-list > li').length > 10);

  // The host ignores the query string and serves the export's pointer file for
  // /v1/summaries?ids=…; the badges then read only the chunk files that hold their ids.
  assert.deepEqual(problems, []);
  assert.deepEqual(statuses.filter((s) => !s.startsWith('200 ')), []);
  assert.equal(statuses.filter((s) => s === '200 /reviews/v1/summaries').length, 1, statuses.join('\n'));
  const chunks = statuses.filter((s) => s.includes('/v1/summary-chunks/'));
  assert.ok(chunks.length >= 1 && chunks.length <= 2, `two badges read at most two chunks: ${chunks}`);
  await page.screenshot({ path: join(SHOTS, 'static-export.png'), fullPage: true });
  await context.close();
});
