// The widget, unchanged, against `stele-relay export` files on a plain static host (no relay).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, waitReady, watchedPage } from './harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };
let dir, host, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stele-export-'));
  // The export's fragments link stele.css where this host serves the widget's files.
  execFileSync(join(ROOT, process.env.STELE_RELAY_BIN || 'target/debug/stele-relay'), ['demo', '--export', join(dir, 'reviews')], { env: { ...process.env, STELE_PUBLIC_URL: '/widget/', STELE_EXPORT_LANG: 'ro' } });
  cpSync(process.env.STELE_E2E_ASSETS || join(ROOT, 'target/widget/dist'), join(dir, 'widget'), { recursive: true });
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

test('a static host serves the fragments the export holds: badges that need no module, reviews taken over from the export\'s data', async () => {
  // What nginx SSI (or PHP) would put in a page from the exported files.
  const file = (path) => readFile(join(dir, 'reviews', path), 'utf8');
  writeFileSync(join(dir, 'fragments.html'), `<!doctype html><html lang="ro"><head><meta charset="utf-8"><title>Fragments from an export</title>
<link rel="stylesheet" href="/widget/stele.css"><script type="module" src="/widget/stele.js"></script></head><body><main><h1>Rochie</h1>
<stele-stars product="2183" src="/reviews/">${await file('v1/products/2183/badge.html')}</stele-stars>
<stele-reviews product="2183" src="/reviews/">${await file('v1/products/2183/embed.html')}</stele-reviews></main></body></html>`);
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.addInitScript(() => { window.requestIdleCallback = () => 0; });
  await page.goto(host.url + 'fragments.html', { waitUntil: 'load' });
  assert.match(await page.locator('stele-stars [role=img]').getAttribute('aria-label'), /^Evaluat cu \d,\d din 5/);
  assert.deepEqual(fetched.filter((p) => p.endsWith('.wasm') || p.includes('/v1/')), [], 'nothing fetched before the shopper acts');
  // The export's fragment has no search or "with comment" (a static host cannot answer them),
  // as the widget drawing the export's data: so the takeover keeps every control.
  assert.equal(await page.locator('stele-reviews input').count(), 0);
  await page.locator('stele-reviews button[part="histogram-row"]').first().click();
  await page.waitForFunction(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    return !root.querySelector('.stele-ssr') && root.querySelector('.stele-histogram__row[aria-pressed=true]') && root.querySelector('.stele-list')?.getAttribute('aria-busy') === 'false';
  });
  const stars = await page.$eval('stele-reviews', (el) => [...el.shadowRoot.querySelectorAll('.stele-list [role=img]')].map((r) => r.getAttribute('aria-label')));
  assert.ok(stars.length > 0 && stars.every((label) => /^Evaluat cu (4,5|5,0) din 5/.test(label)), stars.join(' | '));
  assert.ok(fetched.some((p) => /^\/reviews\/v1\/products\/2183\/reviews\/newest\/stars-5\/1\.json$/.test(p)), fetched.join('\n'));
  assert.ok(!fetched.some((p) => p.includes('badges')), 'the badge stayed the export\'s');
  assert.deepEqual(problems, []);
  await context.close();
});

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** moto's S3 server (tests/.venv, from scripts/bootstrap), answering CORS only as the
 *  bucket's CORS configuration says, like S3. */
async function startMoto() {
  const binary = join(ROOT, 'tests/.venv/bin/moto_server');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run scripts/bootstrap`);
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, MOTO_DISABLE_GLOBAL_CORS: 'true' }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      await fetch(url);
      return { url, stop: () => child.kill() };
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not answer on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ok(response) {
  const answer = await response;
  assert.ok(answer.ok, `${answer.url}: HTTP ${answer.status} ${await answer.text()}`);
}

test('the widget reads the demo shop published to an S3 bucket from another origin', async (t) => {
  const moto = await startMoto();
  try {
    const origin = host.url.replace(/\/$/, '');
    const bucket = `${moto.url}/stele-e2e`;
    // What a shop sets up once: the bucket, public reads, and CORS for its own origin.
    await ok(fetch(bucket, { method: 'PUT' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::stele-e2e/*' }] };
    await ok(fetch(`${bucket}?policy`, { method: 'PUT', body: JSON.stringify(policy) }));
    await ok(fetch(`${bucket}?cors`, {
      method: 'PUT',
      body: `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`,
    }));

    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|GOOGLE_|AZURE_)/i.test(name)));
    Object.assign(env, { AWS_ENDPOINT: moto.url, AWS_ALLOW_HTTP: 'true', AWS_ACCESS_KEY_ID: 'e2e', AWS_SECRET_ACCESS_KEY: 'e2e-secret', AWS_REGION: 'us-east-1' });
    const relay = join(ROOT, process.env.STELE_RELAY_BIN || 'target/debug/stele-relay');
    const published = execFileSync(relay, ['demo', '--to', 's3://stele-e2e/shop'], { env }).toString();
    assert.match(published, /^published \d+ objects \(\d+ bytes\) to s3:\/\/stele-e2e\/shop in [\d.]+ s, deleted 0 stale objects/);
    t.diagnostic(published.trim());

    const src = `${bucket}/shop/`;
    writeFileSync(join(dir, 's3.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bucket</title>
<script type="module" src="/widget/stele.js"></script></head><body><main><h1>From a bucket</h1>
<stele-stars product="2183" src="${src}"></stele-stars> <stele-stars product="1001" src="${src}"></stele-stars>
<stele-reviews product="2183" src="${src}" loading="eager"></stele-reviews></main></body></html>`);

    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    const fromBucket = [];
    const statuses = [];
    page.on('response', (r) => {
      statuses.push(`${r.status()} ${r.url()}`);
      if (r.url().startsWith(src)) fromBucket.push(r);
    });
    await page.goto(`${host.url}s3.html`);
    await waitReady(page, 3);
    assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /out of 5, \d+ reviews/);
    assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
    await page.evaluate(() => document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-more')?.click());
    await page.waitForFunction(() => document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-list > li').length > 10);

    assert.deepEqual(problems, []);
    assert.deepEqual(statuses.filter((s) => !s.startsWith('200 ')), []);
    const paths = fromBucket.map((r) => new URL(r.url()).pathname);
    assert.ok(paths.includes('/stele-e2e/shop/v1/summaries'), paths.join('\n'));
    assert.ok(paths.some((p) => p.startsWith('/stele-e2e/shop/v1/summary-chunks/')), paths.join('\n'));
    for (const response of fromBucket) {
      const headers = await response.allHeaders();
      assert.equal(headers['access-control-allow-origin'], origin, response.url());
      assert.equal(headers['content-type'], 'application/json', response.url());
      assert.equal(headers['cache-control'], 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400', response.url());
    }
    await page.screenshot({ path: join(SHOTS, 'static-export-s3.png'), fullPage: true });
    await context.close();
  } finally {
    moto.stop();
  }
});
