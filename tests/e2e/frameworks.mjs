// What frameworks.test.mjs (Next.js) and frameworks-more.test.mjs (Astro, SvelteKit, Nuxt)
// share: installing the packed tarball into an app, running its production server, the
// bundler-warning filter, and the page check in Chromium.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHOTS, shadowText, waitReady, watchedPage } from './harness.mjs';

export const origin = (port) => `http://127.0.0.1:${port}`;

const servers = [];

/** npm ci when node_modules is missing or older than the lock file. */
export function npmCi(cwd, env = process.env) {
  const installed = join(cwd, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(cwd, 'package-lock.json')).mtimeMs) npm(cwd, env, ['ci']);
}

/** npm ci, then the packed @stele/widget from target/npm on top (not saved). */
export function installPackage(cwd, env = process.env) {
  const tarball = readdirSync(join(ROOT, 'target/npm')).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'run scripts/pack-npm first');
  npmCi(cwd, env);
  npm(cwd, env, ['install', '--no-save', join(ROOT, 'target/npm', tarball)]);
}

function npm(cwd, env, args) {
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts an app's production server and waits until `/` answers 200. */
export async function startApp({ name, command, args, cwd, env, port }) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so stopApps() ends the server and anything it forked
  });
  servers.push(child);
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin(port)}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not answer: ${log}`);
}

export function stopApps() {
  for (const child of servers.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
}

/** Warning lines of a build's output that name the package, import.meta or module resolution. */
export function packageWarnings(output) {
  return output
    .split('\n')
    .filter((line) => /⚠|warn/i.test(line))
    .filter((line) => /stele|import\.meta|module|resolv/i.test(line));
}

/** Loads `url` in a fresh context: stars and reviews ready (with "Verified buyer"), no console
 *  error, page error or failed load, no console warning about hydration (Vue and Svelte report
 *  a mismatch as a warning; React as an error); then a screenshot into SHOTS. */
export async function assertRenders(browser, url, shot) {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const hydration = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && /hydrat/i.test(message.text())) hydration.push(message.text());
  });
  await page.goto(url);
  await waitReady(page, 2);
  assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
  assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /out of 5/);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  assert.deepEqual(hydration, []);
  await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  await context.close();
}
