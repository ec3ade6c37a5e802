// The npm package in a fresh Vite app: `npm pack` tarball → npm install → vite build →
// the built app in Chromium, talking to the relay on another origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, startRelay, waitReady, watchedPage } from './harness.mjs';

const FIXTURE = join(ROOT, 'tests/vite-fixture');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
let relay, app, browser;

function serve(dir, port) {
  const server = createServer(async (req, res) => {
    const path = normalize(join(dir, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html')));
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${port}/`, stop: () => server.close() })));
}

before(async () => {
  const tarball = readdirSync(join(ROOT, 'target/npm')).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'run scripts/pack-npm first');
  const npm = (args) => execFileSync('npm', args, { cwd: FIXTURE, stdio: ['ignore', 'pipe', 'pipe'] });
  npm(['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', join(ROOT, 'target/npm', tarball)]);
  execFileSync(join(FIXTURE, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: FIXTURE, stdio: ['ignore', 'pipe', 'pipe'] });
  relay = await startRelay({ port: 18811, origins: ['http://127.0.0.1:18812'] });
  app = await serve(join(FIXTURE, 'dist'), 18812);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  app?.stop();
  relay?.stop();
});

test('a Vite app imports defineElements from the packed package and renders', async () => {
  const assets = readdirSync(join(FIXTURE, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite emitted the wasm: ${assets}`);
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(`${app.url}?relay=${encodeURIComponent(relay.url)}`);
  await waitReady(page, 2);
  assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
  assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /out of 5/);
  assert.equal(await page.evaluate(() => typeof window.steleFixture.mount), 'function');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'vite-fixture.png') });
  await context.close();
});
