// The npm package in a minimal Next.js App Router app that follows www/README.md: the packed
// tarball → npm ci + npm install → next build (Turbopack, and webpack) → next start, loaded in
// Chromium, talking to the relay on another origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, startRelay, waitReady, watchedPage } from './harness.mjs';

const APP = join(ROOT, 'tests/frameworks/next');
const RELAY_PORT = 18822;
const BUILDS = [
  { name: 'Turbopack', flags: [], dist: '.next', port: 18821, shot: 'next-app.png' },
  { name: 'webpack', flags: ['--webpack'], dist: '.next-webpack', port: 18823, shot: 'next-app-webpack.png' },
];
const origin = (port) => `http://127.0.0.1:${port}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_PUBLIC_STELE_URL: `${origin(RELAY_PORT)}/` };
const servers = [];
let relay, browser;

async function nextStart(build) {
  const child = spawn(join(APP, 'node_modules/.bin/next'), ['start', '-p', String(build.port), '-H', '127.0.0.1'], {
    cwd: APP,
    env: { ...env, STELE_NEXT_DIST: build.dist },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so after() ends next and anything it forked
  });
  servers.push(child);
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin(build.port)}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`next start (${build.name}) did not answer: ${log}`);
}

before(async () => {
  const tarball = readdirSync(join(ROOT, 'target/npm')).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'run scripts/pack-npm first');
  const npm = (args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: APP, stdio: ['ignore', 'pipe', 'pipe'] });
  const installed = join(APP, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(APP, 'package-lock.json')).mtimeMs) npm(['ci']);
  npm(['install', '--no-save', join(ROOT, 'target/npm', tarball)]);
  for (const build of BUILDS) {
    const run = spawnSync(join(APP, 'node_modules/.bin/next'), ['build', ...build.flags], { cwd: APP, env: { ...env, STELE_NEXT_DIST: build.dist }, encoding: 'utf8' });
    build.output = run.stdout + run.stderr;
    assert.equal(run.status, 0, `next build ${build.flags.join(' ')}:\n${build.output}`);
  }
  for (const build of BUILDS) await nextStart(build);
  relay = await startRelay({ port: RELAY_PORT, origins: BUILDS.map((b) => origin(b.port)) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const child of servers) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
  relay?.stop();
});

for (const build of BUILDS) {
  test(`next build (${build.name}) type-checks and bundles the package without a warning`, () => {
    assert.match(build.output, new RegExp(`Next\\.js [\\d.]+ \\(${build.name}\\)`), 'the bundler the test asked for');
    assert.match(build.output, /Finished TypeScript/, 'next build ran tsc on the .tsx client component');
    assert.doesNotMatch(build.output, /Module not found|import\.meta|Failed to compile/i);
    const warnings = build.output.split('\n').filter((line) => /⚠|warn/i.test(line));
    assert.deepEqual(warnings.filter((line) => /stele|import\.meta|module/i.test(line)), [], build.output);
  });

  test(`next start (${build.name}) serves <stele-reviews> in the server HTML`, async () => {
    const html = await (await fetch(`${origin(build.port)}/`)).text();
    assert.match(html, /<stele-stars product="2183" src="http:\/\/127\.0\.0\.1:18822\/" lang="en">/);
    assert.match(html, /<stele-reviews product="2183" src="http:\/\/127\.0\.0\.1:18822\/" lang="en">/);
  });

  test(`the ${build.name} build renders stars and reviews from a relay on another origin, no hydration warning`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin(build.port)}/`);
    await waitReady(page, 2);
    assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
    assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /out of 5/);
    // React reports a hydration mismatch as a console error, which watchedPage collects.
    await page.waitForTimeout(300);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, build.shot), fullPage: true });
    await context.close();
  });
}
