// The stele crate in a Leptos SSR app (examples/leptos-ssr: axum + leptos_axum + leptos_router,
// `ssr` on its server, `hydrate` in its browser), built by scripts/build-leptos-example as
// cargo-leptos would. Its server renders Stele's components (their skeletons); Chromium
// hydrates them without a hydration error, they fetch from a relay on another origin and
// draw, and client-side navigation gives the same components a new product.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHOTS, launch, startRelay, watchedPage } from './harness.mjs';

const APP_PORT = 18840;
const RELAY_PORT = 18841;
const APP = `http://127.0.0.1:${APP_PORT}`;
const RELAY = `http://127.0.0.1:${RELAY_PORT}/`;
const SERVER = join(ROOT, 'target/debug/stele-leptos-ssr');
const SITE = join(ROOT, 'target/leptos-ssr');
let app, relay, browser;

before(async () => {
  assert.ok(existsSync(SERVER) && existsSync(join(SITE, 'pkg/stele_leptos_ssr_bg.wasm')), 'run scripts/build-leptos-example first');
  relay = await startRelay({ port: RELAY_PORT, origins: [APP] });
  app = spawn(SERVER, [], {
    env: { ...process.env, LEPTOS_SITE_ADDR: `127.0.0.1:${APP_PORT}`, LEPTOS_SITE_ROOT: SITE, STELE_RELAY_URL: RELAY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  app.stdout.on('data', (chunk) => (log += chunk));
  app.stderr.on('data', (chunk) => (log += chunk));
  for (let i = 0; i < 100 && !log.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(log, /listening on/, `the Leptos app did not start: ${log}`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  app?.kill();
  relay?.stop();
});

/** The page in a fresh context, watched for errors; also every console warning. */
async function open(path) {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${APP}${path}`);
  return { context, page, problems, warnings };
}

/** Badges drawn with data: their star rows' labels. */
const badgeLabels = (page) => page.$$eval('.stele-root .stele-badge[aria-busy=false] [role=img]', (els) => els.map((el) => el.getAttribute('aria-label')));

test('the server renders the components in the document, as skeletons, with the relay URL for the browser half', async () => {
  const response = await fetch(`${APP}/product/2183`);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<meta name="stele-relay" content="http:\/\/127\.0\.0\.1:18841\/"/);
  assert.match(html, /<link rel="stylesheet" href="\/stele\.css"/);
  // Both components' roots, each with its language and theme, holding their skeletons.
  assert.equal(html.match(/class="stele-root"/g)?.length, 2, html);
  assert.match(html, /class="stele-sk"/);
  // Data is the browser's to fetch: nothing of it in the server's HTML.
  assert.doesNotMatch(html, /Verified buyer|out of 5/);
  const css = await fetch(`${APP}/stele.css`);
  assert.equal(css.headers.get('content-type'), 'text/css');
  assert.match(await css.text(), /\.stele-root/);
});

test('the home page hydrates without a hydration error and draws the badges and testimonials from the relay', async () => {
  const { context, page, problems, warnings } = await open('/');
  await page.waitForFunction(() => document.querySelectorAll('.stele-root .stele-badge[aria-busy=false] [role=img]').length === 3, null, { timeout: 30000 });
  const labels = await badgeLabels(page);
  assert.equal(labels.length, 3);
  for (const label of labels) assert.match(label, /out of 5/);
  await page.waitForFunction(() => /\S/.test(document.querySelector('.stele-root .stele-testimonials')?.textContent ?? ''), null, { timeout: 30000 });
  // One request for the listing's badges: they batch in a Leptos app too.
  const summaries = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/summaries')).length);
  assert.equal(summaries, 1);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  assert.deepEqual(warnings.filter((w) => /hydrat|mismatch/i.test(w)), []);
  await page.screenshot({ path: join(SHOTS, 'leptos-ssr-home.png'), fullPage: true });
  await context.close();
});

test('a product page hydrates and draws its reviews; navigating in the app gives the components the new product', async () => {
  const { context, page, problems, warnings } = await open('/product/2183');
  await page.waitForFunction(() => /Verified buyer/.test(document.querySelector('.stele-root .stele-reviews')?.textContent ?? ''), null, { timeout: 30000 });
  const first = await page.$eval('.stele-root .stele-reviews', (el) => el.textContent);
  await page.screenshot({ path: join(SHOTS, 'leptos-ssr-product.png'), fullPage: true });
  // Client-side navigation (leptos_router), not a new document: the marker survives.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.click('nav a[href="/"]');
  await page.waitForFunction(() => document.querySelectorAll('.stele-root .stele-badge[aria-busy=false] [role=img]').length === 3, null, { timeout: 30000 });
  await page.click('a[href="/product/2182"]');
  await page.waitForFunction((before) => {
    const text = document.querySelector('.stele-root .stele-reviews')?.textContent ?? '';
    return /Verified buyer/.test(text) && text !== before;
  }, first, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.match(await page.textContent('h1'), /2182/);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  assert.deepEqual(warnings.filter((w) => /hydrat|mismatch/i.test(w)), []);
  await context.close();
});
