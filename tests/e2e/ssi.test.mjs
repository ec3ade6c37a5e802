// Fragments without code in the shop: nginx SSI, Apache mod_include, Caddy templates and a PHP
// one-liner, each the real server (Debian's nginx, apache2, caddy, php-cli) run unprivileged
// on a fixed port with its own prefix under a temporary directory, configured with the recipe
// in packaging/ssi/ (the same text docs/embed.md shows; checked below). Then the relay stopped,
// and a relay that accepts connections and never answers: every page still answers, at once,
// with the bare element. Needs the relay (target/debug/stele-relay) and the widget
// (target/widget/dist).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { ROOT, SHOTS, launch, startRelay, waitReady, watchedPage } from './harness.mjs';

const PORTS = { relay: 18855, nginx: 18856, apache: 18857, caddy: 18858, php: 18859 };
const SERVERS = ['nginx', 'apache', 'caddy', 'php'];
/** Every recipe gives up on the relay after 1 s; a page may take five times that here. */
const TIMEOUT_MS = 1000;
const BOUND_MS = 5 * TIMEOUT_MS;
const RECIPES = join(ROOT, 'packaging/ssi');
const recipe = (name) => readFileSync(join(RECIPES, name), 'utf8');
/** The element line each recipe puts in a page, for product 2183. */
const SNIPPETS = { nginx: 'nginx.html', apache: 'apache.html', caddy: 'caddy.html', php: 'product.php' };
/** What a server prints when an include fails, and what PHP prints on a failed fetch. */
const ERROR_TEXT = /error occurred|\[an |warning|fatal|bad gateway|gateway time|timed out|internal server|not found|failed to open|stream/i;

let dir, relay, browser;
const children = [];

/** Run as nobody when the tests run as root: the servers need no privilege. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function sh(name, command, args, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/sbin:/usr/bin:/bin', ...env }, ...UNPRIVILEGED });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  children.push({ name, child, exited, log: () => log });
  return { child, log: () => log };
}

async function until(what, check, ms = 20000) {
  for (const deadline = Date.now() + ms; !(await Promise.resolve().then(check).catch(() => false)); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
}

const refused = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });

/** A whole shop page around one recipe's element line, for product `id`. */
function page(server, id) {
  const element = recipe(SNIPPETS[server]).trim().replaceAll('2183', id);
  return `<!DOCTYPE html>
<html lang="ro">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Produs ${id} — Atelier Lino</title>
  <script type="module" src="/stele/stele.js"></script>
</head>
<body>
  <main>
    <h1>Produs ${id}</h1>
    ${element}
    <p class="after">Conținutul de după widget.</p>
  </main>
</body>
</html>
`;
}

/** The recipe's text with this machine's relay, document root and cache. */
const local = (text, server) =>
  text
    .replaceAll('127.0.0.1:8787', `127.0.0.1:${PORTS.relay}`)
    .replaceAll('/var/www/shop', join(dir, server, 'www'))
    .replaceAll('/var/cache/nginx/stele', join(dir, 'nginx/cache'));

function configure() {
  for (const server of SERVERS) {
    const www = join(dir, server, 'www');
    mkdirSync(www, { recursive: true });
    const ext = server === 'php' ? 'php' : 'html';
    for (const id of ['2183', '1001', '1002']) writeFileSync(join(www, `p${id}.${ext}`), local(page(server, id), server));
  }

  const n = join(dir, 'nginx');
  writeFileSync(join(n, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${n}/nginx.pid;
error_log ${n}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  log_format stele '$uri $status $upstream_cache_status';
  access_log ${n}/access.log stele;
  log_subrequest on;
  client_body_temp_path ${n}/body; proxy_temp_path ${n}/proxy; fastcgi_temp_path ${n}/fastcgi; uwsgi_temp_path ${n}/uwsgi; scgi_temp_path ${n}/scgi;
${local(recipe('nginx.conf'), 'nginx').replace('listen 80;', `listen 127.0.0.1:${PORTS.nginx};`)}
}
`);

  const a = join(dir, 'apache');
  const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'filter', 'include', 'headers', 'proxy', 'proxy_http'];
  writeFileSync(join(a, 'httpd.conf'), `ServerRoot ${a}
ServerName 127.0.0.1
Listen 127.0.0.1:${PORTS.apache}
PidFile ${a}/httpd.pid
DefaultRuntimeDir ${a}
Mutex file:${a}
ErrorLog ${a}/error.log
LogLevel warn
${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
TypesConfig /etc/mime.types
DocumentRoot ${a}/www
${local(recipe('apache.conf'), 'apache')}
`);

  const c = join(dir, 'caddy');
  writeFileSync(join(c, 'Caddyfile'), `{
	admin off
	storage file_system ${c}/data
}
${local(recipe('Caddyfile'), 'caddy').replace(':80 {', `:${PORTS.caddy} {\n\tbind 127.0.0.1`)}`);

  chmodSync(dir, 0o755);
  if (UNPRIVILEGED.uid !== undefined) execFileSync('chown', ['-R', `${UNPRIVILEGED.uid}:${UNPRIVILEGED.gid}`, dir]);
}

async function startServers() {
  const n = join(dir, 'nginx');
  sh('nginx', '/usr/sbin/nginx', ['-p', `${n}/`, '-e', `${n}/error.log`, '-c', `${n}/nginx.conf`]);
  sh('apache', '/usr/sbin/apache2', ['-f', join(dir, 'apache/httpd.conf'), '-DFOREGROUND']);
  const c = join(dir, 'caddy');
  sh('caddy', '/usr/bin/caddy', ['run', '--config', `${c}/Caddyfile`, '--adapter', 'caddyfile'], { HOME: c, XDG_CONFIG_HOME: c, XDG_DATA_HOME: c });
  // display_errors on: a failed fetch must print nothing even where warnings are shown.
  sh('php', '/usr/bin/php', ['-d', 'display_errors=1', '-d', 'error_reporting=-1', '-S', `127.0.0.1:${PORTS.php}`, '-t', join(dir, 'php/www')]);
  for (const server of SERVERS) {
    const child = children.find((c) => c.name === server);
    await until(server, async () => {
      if (child.child.exitCode !== null) throw new Error(`${server} exited: ${child.log()}`);
      return (await fetch(`http://127.0.0.1:${PORTS[server]}/`)).status > 0;
    }).catch((error) => {
      throw new Error(`${error.message}\n${child.log()}`);
    });
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stele-ssi-'));
  relay = await startRelay({ port: PORTS.relay });
  configure();
  await startServers();
});

after(async () => {
  await browser?.close();
  relay?.stop();
  for (const { child, exited } of children) {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

const url = (server, id) => `http://127.0.0.1:${PORTS[server]}/p${id}.${server === 'php' ? 'php' : 'html'}`;

async function get(server, id) {
  const started = Date.now();
  const response = await fetch(url(server, id), { signal: AbortSignal.timeout(30000) });
  const body = await response.text();
  return { status: response.status, body, ms: Date.now() - started };
}

/** What is between <stele-reviews product="id"> and its end tag. */
function inside(body, id) {
  const open = `<stele-reviews product="${id}">`;
  const start = body.indexOf(open);
  const end = body.lastIndexOf('</stele-reviews>');
  assert.ok(start >= 0 && end > start, `the element is on the page: ${body}`);
  return body.slice(start + open.length, end);
}

/** What is between <stele-stars product="id"> and its end tag. */
function insideBadge(body, id) {
  const open = `<stele-stars product="${id}">`;
  const start = body.indexOf(open);
  const end = body.indexOf('</stele-stars>', start);
  assert.ok(start >= 0 && end > start, `the badge is on the page: ${body}`);
  return body.slice(start + open.length, end);
}

async function relayBadge(id) {
  const response = await fetch(`${relay.url}v1/products/${id}/badge.html?lang=ro`);
  assert.equal(response.status, 200);
  return response.text();
}

async function relayFragment(id) {
  const response = await fetch(`${relay.url}v1/products/${id}/embed.html?lang=ro`);
  assert.equal(response.status, 200);
  return response.text();
}

/** The shop's page with the fragment in it is valid HTML. */
async function assertValid(server, body) {
  const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(body, `${server}.html`);
  assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)), [], `${server}: valid HTML`);
}

function assertBare(server, id, { status, body, ms }, what) {
  assert.equal(status, 200, `${server}, ${what}: ${body}`);
  assert.match(inside(body, id), /^(\s|<!--[^]*?-->)*$/, `${server}, ${what}: the bare element`);
  assert.match(insideBadge(body, id), /^(\s|<!--[^]*?-->)*$/, `${server}, ${what}: the bare badge`);
  assert.doesNotMatch(body, ERROR_TEXT, `${server}, ${what}: no error text`);
  assert.ok(ms < BOUND_MS, `${server}, ${what}: answered in ${ms} ms (bound ${BOUND_MS} ms)`);
  console.log(`# ${server}, ${what}: 200 with the bare element in ${ms} ms`);
}

test('docs/embed.md shows each recipe exactly as it is tested', () => {
  const docs = readFileSync(join(ROOT, 'docs/embed.md'), 'utf8');
  const start = docs.indexOf('## Fragments without code');
  assert.ok(start >= 0, 'docs/embed.md has the section');
  const next = docs.indexOf('\n## ', start + 1);
  const section = docs.slice(start, next < 0 ? undefined : next);
  const blocks = [...section.matchAll(/```[a-z]*\n([^]*?)```/g)].map((m) => m[1]);
  for (const file of ['nginx.conf', 'nginx.html', 'apache.conf', 'apache.html', 'Caddyfile', 'caddy.html', 'product.php'])
    assert.ok(blocks.includes(recipe(file)), `the section has packaging/ssi/${file} as a code block of its own`);
});

test('nginx SSI: the fragment inside the element, the second page served from nginx\'s cache', async () => {
  const fragment = await relayFragment('2183');
  assert.match(fragment, /^<template shadowrootmode="open">/);
  assert.match(fragment, /class="[^"]*\bstele-ssr\b/);
  assert.match(fragment, /Cumpărător verificat/);
  const log = () => readFileSync(join(dir, 'nginx/access.log'), 'utf8').split('\n').filter((l) => l.startsWith('/stele/v1/products/2183/embed.html '));
  for (const [i, cache] of ['MISS', 'HIT'].entries()) {
    const { status, body } = await get('nginx', '2183');
    assert.equal(status, 200);
    assert.equal(inside(body, '2183'), fragment, 'the relay\'s fragment, byte for byte');
    assert.equal(insideBadge(body, '2183'), await relayBadge('2183'), 'and its badge');
    assert.doesNotMatch(body, /<img src=x/, 'shoppers\' text stays escaped');
    assert.doesNotMatch(body.replace(fragment, ''), ERROR_TEXT);
    assert.deepEqual(log()[i]?.split(' ').slice(1), ['200', cache], `request ${i + 1}: ${log().join(' | ')}`);
    await assertValid('nginx', body);
  }
});

for (const server of ['apache', 'caddy', 'php']) {
  test(`${server}: the fragment inside the element`, async () => {
    const fragment = await relayFragment('2183');
    const { status, body } = await get(server, '2183');
    assert.equal(status, 200, body);
    assert.equal(inside(body, '2183'), fragment, 'the relay\'s fragment, byte for byte');
    assert.equal(insideBadge(body, '2183'), await relayBadge('2183'), 'and its badge');
    assert.doesNotMatch(body, /<img src=x/, 'shoppers\' text stays escaped');
    assert.doesNotMatch(body.replace(fragment, ''), ERROR_TEXT);
    await assertValid(server, body);
  });
}

test('Chromium without JavaScript: the stars and reviews nginx included', async () => {
  browser = await launch();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('nginx', '2183'));
  const text = await page.locator('stele-reviews .stele-reviews').innerText();
  assert.match(text, /Cumpărător verificat/);
  assert.match(text, /\d,\d/);
  await context.close();
});

test('Chromium: the widget takes over the fragment nginx included, without asking for it again', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const { page, problems } = await watchedPage(context);
  const asked = [];
  page.on('request', (r) => r.url().includes('/v1/') && asked.push(new URL(r.url()).pathname));
  await page.goto(url('nginx', '2183'));
  // HTML first: the widget takes over at the shopper's first interaction (docs/embed.md).
  await page.$eval('stele-reviews', (el) => el.shadowRoot.querySelector('input[type=search]').focus());
  await waitReady(page, 1);
  await page.waitForTimeout(300);
  // stele-ssr marks the server's rendering until the widget draws its own.
  assert.deepEqual(
    await page.$eval('stele-reviews', (el) => [!!el.shadowRoot.querySelector('.stele-reviews'), !!el.shadowRoot.querySelector('.stele-ssr')]),
    [true, false],
    'the widget took over',
  );
  assert.deepEqual(asked.filter((p) => /^\/stele\/v1\/products\/2183(\.json)?$/.test(p)), [], 'the product came with the page');
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'the page never moved');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'ssi-nginx.png'), fullPage: true });
  await context.close();
});

test('the relay stopped: every server answers at once with the bare element (nginx keeps the fragment it cached)', async () => {
  relay.stop();
  await until('the relay to stop', () => refused(PORTS.relay));
  for (const server of SERVERS) assertBare(server, '1001', await get(server, '1001'), 'relay stopped');
  const cached = await get('nginx', '2183');
  assert.equal(cached.status, 200);
  assert.match(inside(cached.body, '2183'), /stele-ssr/, 'nginx serves the fragment it cached while the relay is away');
});

test('a relay that accepts and never answers: every server gives up after its timeout and answers with the bare element', async () => {
  const sockets = new Set();
  const standIn = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise((resolve, reject) => standIn.once('error', reject).listen(PORTS.relay, '127.0.0.1', resolve));
  try {
    for (const server of SERVERS) {
      const answer = await get(server, '1002');
      assertBare(server, '1002', answer, 'relay hanging');
      assert.ok(answer.ms >= TIMEOUT_MS * 0.9, `${server} waited for the relay (${answer.ms} ms): the stand-in was reached`);
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => standIn.close(resolve));
  }
});
