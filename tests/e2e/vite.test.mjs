// The npm package in a fresh Vite app: `npm pack` tarball → npm install → vite build →
// the built app in Chromium, talking to the relay on another origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, startRelay, waitReady, watchedPage } from './harness.mjs';

const FIXTURE = join(ROOT, 'tests/vite-fixture');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
let relay, closed, app, browser, viteOutput;

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
  const build = spawnSync(join(FIXTURE, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: FIXTURE, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  viteOutput = (build.stdout + build.stderr).trim();
  relay = await startRelay({ port: 18811, origins: ['http://127.0.0.1:18812'] });
  // A relay that does not list the app's origin: the browser blocks its answers (CORS).
  closed = await startRelay({ port: 18813 });
  app = await serve(join(FIXTURE, 'dist'), 18812);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  app?.stop();
  relay?.stop();
  closed?.stop();
});

test('Vite builds an app that imports the package without a warning', () => {
  assert.equal(viteOutput, '', 'vite build --logLevel warn printed');
});

test('importing every entry outside a browser is a no-op that throws nothing (server rendering)', () => {
  // Node has no window, HTMLElement or customElements: as Next, Nuxt, Astro and SvelteKit
  // evaluate the import while rendering on the server.
  const script = `
    const entries = ['@stele/widget', '@stele/widget/direct', '@stele/widget/react', '@stele/widget/vue', '@stele/widget/svelte'];
    const out = {};
    for (const name of entries) out[name] = Object.keys(await import(name)).sort();
    const { mount, destroy, defineElements } = await import('@stele/widget');
    defineElements();
    destroy({});
    await mount({}, { product: '1' });
    out.globals = [typeof globalThis.Stele, typeof globalThis.customElements];
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: FIXTURE, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'nothing on stderr');
  const out = JSON.parse(run.stdout);
  const api = ['defineElements', 'destroy', 'mount', 'useBindings'];
  assert.deepEqual(out['@stele/widget'], api);
  assert.deepEqual(out['@stele/widget/direct'], api);
  for (const types of ['react', 'vue', 'svelte']) assert.deepEqual(out[`@stele/widget/${types}`], [], `${types} is types only`);
  assert.deepEqual(out.globals, ['undefined', 'undefined'], 'no window.Stele, no element registry on the server');
});

test('the npm entry leaves direct mode and import.meta out; direct.js brings it', () => {
  const dist = join(FIXTURE, 'node_modules/@stele/widget/dist');
  const index = readFileSync(join(dist, 'index.js'), 'utf8');
  const direct = readFileSync(join(dist, 'direct.js'), 'utf8');
  const directGlue = readdirSync(dist).find((f) => /^stele-direct-[0-9a-f]{8}\.js$/.test(f));
  assert.ok(directGlue, 'the package ships the direct module for @stele/widget/direct');
  assert.ok(!index.includes('import.meta'), 'index.js reads no import.meta');
  assert.ok(!index.includes(directGlue), 'index.js never names the direct module');
  assert.ok(direct.includes(directGlue), 'direct.js names it');
  const built = readdirSync(join(FIXTURE, 'dist/assets'));
  assert.ok(!built.some((f) => f.startsWith('stele-direct')), `the production build copies no direct module: ${built}`);
});

test('publint and arethetypeswrong find nothing wrong with the package', () => {
  const bin = (name) => join(ROOT, 'tests/e2e/node_modules/.bin', name);
  const publint = spawnSync(bin('publint'), ['--strict', join(ROOT, 'www')], { encoding: 'utf8' });
  assert.equal(publint.status, 0, publint.stdout + publint.stderr);
  assert.match(publint.stdout, /All good/);
  // ESM only by design (a module of custom elements): node10 cannot resolve subpath exports
  // and CommonJS reaches ESM by import() only; www/README.md says so.
  const tarball = readdirSync(join(ROOT, 'target/npm')).find((f) => f.endsWith('.tgz'));
  const attw = spawnSync(bin('attw'), [join(ROOT, 'target/npm', tarball), '--profile', 'esm-only'], { encoding: 'utf8' });
  assert.equal(attw.status, 0, attw.stdout + attw.stderr);
  const problems = attw.stdout.split('\n').filter((line) => /💀|❌|⚠️|🐛|🥴|🎭/u.test(line) && !line.includes('(ignored'));
  assert.deepEqual(problems, [], attw.stdout);
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

test("a relay that does not list the app's origin gets a hint naming STELE_ALLOWED_ORIGINS", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const hints = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[stele]')) hints.push(message.text());
  });
  await page.goto(`${app.url}?relay=${encodeURIComponent(closed.url)}`);
  // The hint comes once the module is in and its first request has failed.
  for (let i = 0; i < 100 && !hints.some((h) => h.includes('STELE_ALLOWED_ORIGINS')); i++) await page.waitForTimeout(100);
  assert.ok(
    hints.some((h) => h.includes('STELE_ALLOWED_ORIGINS=http://127.0.0.1:18812')),
    `hints: ${JSON.stringify(hints)}`,
  );
  await context.close();
});
