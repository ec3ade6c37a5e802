// Test harness: the relay demo, a static "shop" server (with the documented /stele/ proxy
// rule), and Chromium through playwright-core. Everything on loopback.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'target/e2e-screenshots');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/** `stele-relay demo` serving the widget built in target/widget/dist (STELE_E2E_ASSETS names
 *  another build, for a tester whose tree is being rebuilt meanwhile). */
/** Starts the relay: `demo` (the generated shop), or `serve` (give it the upstream and key
 *  in `env`); resolves once it listens. */
export async function startRelay({ port, origins = [], env = {}, command = 'demo' }) {
  const binary = join(ROOT, process.env.STELE_RELAY_BIN || 'target/debug/stele-relay');
  const child = spawn(binary, [command, '--listen', `127.0.0.1:${port}`, '--rate-limit', '0'], {
    env: { ...process.env, STELE_ASSETS: process.env.STELE_E2E_ASSETS || join(ROOT, 'target/widget/dist'), STELE_ALLOWED_ORIGINS: origins.join(','), RUST_LOG: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  for (let i = 0; i < 100; i++) {
    if (log.includes('listening on')) return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`relay did not start: ${log}`);
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

/** Serves tests/e2e/pages, proxies /stele/ to the relay, inlines {{FRAGMENT path}} and
 *  {{RELAY}} in pages, and adds `headers` (a CSP, say) to HTML answers. `inject` is HTML put
 *  first in every page's <head>; `onAnswer(path, status)` hears every answer. */
export async function startShop({ port, relay, headers = {}, root = join(ROOT, 'tests/e2e/pages'), inject = '', onAnswer }) {
  const pages = root;
  const server = createServer(async (req, res) => {
    if (onAnswer) res.on('finish', () => onAnswer(req.url, res.statusCode));
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
      if (url.pathname.startsWith('/stele/')) {
        const target = new URL(relay.url);
        const upstream = httpRequest({ host: target.hostname, port: target.port, path: url.pathname.slice('/stele'.length) + url.search, headers: { 'accept-encoding': 'identity' } }, (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.writeHead(502).end());
        return upstream.end();
      }
      const path = normalize(join(pages, url.pathname === '/' ? 'index.html' : url.pathname));
      if (!path.startsWith(pages)) return res.writeHead(403).end();
      let body = await readFile(path);
      const type = TYPES[extname(path)] || 'application/octet-stream';
      if (type.startsWith('text/html')) {
        let html = body.toString();
        for (const [match, fragment] of html.matchAll(/\{\{FRAGMENT ([^}]+)\}\}/g)) html = html.replace(match, await fetchText(new URL(fragment.trim(), relay.url)));
        if (inject) html = html.replace(/<head>/i, (head) => head + inject);
        body = html.replaceAll('{{RELAY}}', relay.url.replace(/\/$/, ''));
        res.writeHead(200, { 'content-type': type, ...headers });
      } else res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch (error) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.close() };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors and CSP violations. */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are reported below with their URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    window.__ready = [];
    document.addEventListener('stele:ready', (e) => window.__ready.push(e.detail), true);
  });
  return { page, problems };
}

/** Waits until `count` elements announced stele:ready. */
export async function waitReady(page, count) {
  await page.waitForFunction((n) => window.__ready.length >= n, count, { timeout: 20000 });
}

/** Text inside an element's shadow root. */
export function shadowText(page, selector) {
  return page.$eval(selector, (el) => el.shadowRoot?.textContent ?? '');
}
