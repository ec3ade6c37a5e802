// The npm package in a minimal Next.js App Router app that follows www/README.md: the packed
// tarball → npm ci + npm install → next build (Turbopack, and webpack) → next start, loaded in
// Chromium, talking to the relay on another origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { assertRenders, installPackage, origin, packageWarnings, startApp, stopApps } from './frameworks.mjs';
import { ROOT, launch, startRelay } from './harness.mjs';

const APP = join(ROOT, 'tests/frameworks/next');
const RELAY_PORT = 18822;
const BUILDS = [
  { name: 'Turbopack', flags: [], dist: '.next', port: 18821, shot: 'next-app.png' },
  { name: 'webpack', flags: ['--webpack'], dist: '.next-webpack', port: 18823, shot: 'next-app-webpack.png' },
];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_PUBLIC_STELE_URL: `${origin(RELAY_PORT)}/` };
let relay, browser;

before(async () => {
  installPackage(APP);
  for (const build of BUILDS) {
    const run = spawnSync(join(APP, 'node_modules/.bin/next'), ['build', ...build.flags], { cwd: APP, env: { ...env, STELE_NEXT_DIST: build.dist }, encoding: 'utf8' });
    build.output = run.stdout + run.stderr;
    assert.equal(run.status, 0, `next build ${build.flags.join(' ')}:\n${build.output}`);
  }
  for (const build of BUILDS) {
    const args = ['start', '-p', String(build.port), '-H', '127.0.0.1'];
    await startApp({ name: `next start (${build.name})`, command: join(APP, 'node_modules/.bin/next'), args, cwd: APP, env: { ...env, STELE_NEXT_DIST: build.dist }, port: build.port });
  }
  relay = await startRelay({ port: RELAY_PORT, origins: BUILDS.map((b) => origin(b.port)) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  stopApps();
  relay?.stop();
});

for (const build of BUILDS) {
  test(`next build (${build.name}) type-checks and bundles the package without a warning`, () => {
    assert.match(build.output, new RegExp(`Next\\.js [\\d.]+ \\(${build.name}\\)`), 'the bundler the test asked for');
    assert.match(build.output, /Finished TypeScript/, 'next build ran tsc on the .tsx client component');
    assert.doesNotMatch(build.output, /Module not found|import\.meta|Failed to compile/i);
    assert.deepEqual(packageWarnings(build.output), [], build.output);
  });

  test(`next start (${build.name}) serves <stele-reviews> in the server HTML`, async () => {
    const html = await (await fetch(`${origin(build.port)}/`)).text();
    assert.match(html, /<stele-stars product="2183" src="http:\/\/127\.0\.0\.1:18822\/" lang="en">/);
    assert.match(html, /<stele-reviews product="2183" src="http:\/\/127\.0\.0\.1:18822\/" lang="en">/);
  });

  test(`the ${build.name} build renders stars and reviews from a relay on another origin, no hydration warning`, async () => {
    // React reports a hydration mismatch as a console error, which assertRenders fails on.
    await assertRenders(browser, `${origin(build.port)}/`, build.shot);
  });
}
