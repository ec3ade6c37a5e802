// The release bundle as a new user meets it: INSTALL.md followed literally in a temporary
// directory (no source tree, no cargo), and the container image inspected and its binary run.
// Needs scripts/release (target/dist) and scripts/image to have run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, launch, shadowText, waitReady, watchedPage } from './harness.mjs';

const KEY = 'rk_INSTALLGUIDE_c4n4ry';
const bundles = readdirSync(join(ROOT, 'target/dist')).filter((f) => /^stele-.*-x86_64-linux\.tar\.gz$/.test(f));
assert.equal(bundles.length, 1, `one bundle in target/dist: ${bundles}`);
const BUNDLE = join(ROOT, 'target/dist', bundles[0]);
const VERSION = bundles[0].match(/^stele-(.*)-x86_64-linux/)[1];
const GUIDE = readFileSync(join(ROOT, 'INSTALL.md'), 'utf8');
const children = [];
let dir;

/** The code blocks of INSTALL.md in a language, in order. */
const blocks = (lang) => [...GUIDE.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

function start(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  children.push(child);
  return { child, log: () => log };
}

async function until(what, check, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const port = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'stele-install-'));
});

after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('INSTALL.md, followed literally: unpack, key file, settings, check, serve, nginx rule, script tag, stars', async () => {
  // A fake Feedback API: two products, one with a slash in its id.
  const now = new Date(Date.now() - 86400e3).toISOString().slice(0, 19).replace('T', ' ');
  const orders = [1, 2, 3].map((n) => ({
    order: { orderno: `ORD-${n}`, date: now }, score: 10, comment: `order ${n}`, added_on: now,
    product_reviews: [
      { realid: '2183', added_on: now, score: 7 + n, comment: 'Calitate excelentă' },
      { realid: 'SKU/9', added_on: now, score: 10, comment: 'Perfect' },
    ],
  }));
  const keysSeen = [];
  const upstream = createServer((req, res) => {
    keysSeen.push(new URL(req.url, 'http://x').searchParams.get('k'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: orders }));
  });
  const upstreamPort = await port();
  await new Promise((r) => upstream.listen(upstreamPort, '127.0.0.1', r));

  // 1. Download and unpack (into /opt/stele → here $dir/opt/stele).
  execFileSync('tar', ['-xzf', BUNDLE, '-C', dir]);
  const unpacked = join(dir, `stele-${VERSION}-x86_64-linux`);
  const opt = join(dir, 'opt/stele');
  mkdirSync(opt, { recursive: true });
  for (const file of readdirSync(unpacked)) copyFileSync(join(unpacked, file), join(opt, file));
  chmodSync(join(opt, 'stele-relay'), 0o755);
  for (const file of ['stele-relay', 'stele-relay.service', 'stele.env.example', 'INSTALL.md', 'LICENSE', 'FONT-LICENSE', `stele-widget-${VERSION}.tgz`])
    assert.ok(readdirSync(opt).includes(file), `the bundle holds ${file}`);
  const relay = join(opt, 'stele-relay');
  assert.match(execFileSync(relay, ['--version']).toString(), new RegExp(`stele-relay ${VERSION.replace(/\./g, '\\.')} \\(widget [0-9a-f]{12} built in\\)`));
  // Nothing from the source tree: a PATH without cargo or target/.
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir };

  // 2. The key and the settings.
  const etc = join(dir, 'etc/stele');
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, 'rtg_rest_key'), `${KEY}\n`, { mode: 0o600 });
  const relayPort = await port();
  const settings = readFileSync(join(opt, 'stele.env.example'), 'utf8')
    .replace(/^RTG_CUSTOMER_ID=$/m, 'RTG_CUSTOMER_ID=42')
    .replace(/^STELE_LISTEN=.*$/m, `STELE_LISTEN=127.0.0.1:${relayPort}`);
  writeFileSync(join(etc, 'stele.env'), settings);
  const fromEnvFile = Object.fromEntries(
    settings.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const service = { ...env, ...fromEnvFile, RTG_REST_KEY_FILE: join(etc, 'rtg_rest_key'), STELE_UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}/json-feedback` };
  // Asynchronously: the fake upstream answers from this process's event loop.
  const { stdout: check } = await promisify(execFile)(relay, ['check'], { env: service });
  assert.match(check, /ok: Retargeting accepted the key and customer id/);

  // 3. The service (what the unit runs: `serve`, the database in the state directory).
  const state = join(dir, 'var/lib/stele');
  mkdirSync(state, { recursive: true });
  const serve = start(relay, ['serve'], { env: { ...service, STATE_DIRECTORY: state }, cwd: state });
  await until('/readyz', async () => (await fetch(`http://127.0.0.1:${relayPort}/readyz`)).status === 200);
  assert.ok(readdirSync(state).includes('stele.db'), 'the database is in $STATE_DIRECTORY');
  assert.ok(keysSeen.length >= 2 && keysSeen.every((k) => k === KEY), 'the key from the file reached Retargeting');

  // 4. The reverse-proxy rule, exactly as the guide gives it, in the shop's server block.
  const shopPort = await port();
  const docroot = join(dir, 'www');
  mkdirSync(docroot);
  const rule = blocks('nginx')[0];
  assert.match(rule, /location \/stele\//);
  writeFileSync(join(dir, 'nginx.conf'), `daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off; include /etc/nginx/mime.types;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${shopPort};
    root ${docroot};
${rule.replaceAll('127.0.0.1:8787', `127.0.0.1:${relayPort}`)}
  }
}
`);
  start('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf')], { env });
  await until('nginx', async () => (await fetch(`http://127.0.0.1:${shopPort}/stele/v1/shop`)).status === 200);

  // 5. The script tag and the elements, as the guide gives them, on a shop page.
  const [scriptTag, elements] = blocks('html');
  assert.match(scriptTag, /<script type="module" src="\/stele\/stele\.js" blocking="render"><\/script>/);
  const body = elements.replaceAll('PRODUCT_ID', '2183').replace('<stele-stars product="2183">', '<stele-stars product="SKU/9">');
  writeFileSync(join(docroot, 'product.html'), `<!doctype html><html lang="ro"><head><meta charset="utf-8"><title>Rochie</title>
${scriptTag}</head><body><main><h1>Rochie de vară</h1>
${body.replace('<stele-reviews ', '<stele-reviews loading="eager" ')}</main></body></html>`);

  const browser = await launch();
  try {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`http://127.0.0.1:${shopPort}/product.html`);
    await waitReady(page, 3);
    const badge = await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label'));
    assert.match(badge, /5.*3/, `the SKU/9 badge: ${badge}`);
    assert.match(await shadowText(page, 'stele-reviews'), /Calitate excelentă/);
    assert.match(await shadowText(page, 'stele-testimonials'), /order \d/);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'install-guide.png'), fullPage: true });
  } finally {
    await browser.close();
    upstream.close();
  }
  // Logs and settings: the guide's commands say where things are, and never the key.
  const config = execFileSync(relay, ['config'], { env: { ...service, STATE_DIRECTORY: state } }).toString();
  assert.match(config, /RTG_REST_KEY=<redacted> \(from the file/);
  assert.ok(!config.includes(KEY) && !serve.log().includes(KEY), 'the key stays secret');
});

test('the container image: non-root, a volume, a health check, port 8787, and a binary that serves the widget', async () => {
  const image = `stele-relay:${VERSION}`;
  const [info] = JSON.parse(execFileSync('podman', ['image', 'inspect', image]).toString());
  const config = info.Config;
  assert.equal(config.User, '65532:65532');
  assert.deepEqual(config.Entrypoint, ['/stele-relay']);
  assert.deepEqual(config.Cmd, ['serve']);
  assert.ok(Object.keys(config.ExposedPorts).includes('8787/tcp'), JSON.stringify(config.ExposedPorts));
  assert.ok(Object.keys(config.Volumes).includes('/data'));
  assert.ok(config.Env.includes('STELE_LISTEN=0.0.0.0:8787') && config.Env.includes('STELE_DB=/data/stele.db'), config.Env.join(' '));
  assert.deepEqual(info.Healthcheck?.Test ?? config.Healthcheck?.Test, ['CMD', '/stele-relay', 'probe']);
  console.log(`# image ${image}: ${info.Size} bytes`);

  // The layers, unpacked on the host: the binary runs here as it would in the container.
  const saved = join(dir, 'image');
  mkdirSync(saved);
  execFileSync('podman', ['save', '--format', 'docker-archive', '-o', join(saved, 'image.tar'), image]);
  execFileSync('tar', ['-xf', join(saved, 'image.tar'), '-C', saved]);
  const [manifest] = JSON.parse(readFileSync(join(saved, 'manifest.json'), 'utf8'));
  const rootfs = join(saved, 'rootfs');
  mkdirSync(rootfs);
  for (const layer of manifest.Layers) execFileSync('tar', ['-xf', join(saved, layer), '-C', rootfs]);
  assert.deepEqual(readdirSync(rootfs).sort(), ['FONT-LICENSE', 'data', 'stele-relay']);
  const binary = join(rootfs, 'stele-relay');
  assert.match(execFileSync(binary, ['--version']).toString(), /widget [0-9a-f]{12} built in/);
  const demoPort = await port();
  const demo = start(binary, ['demo', '--listen', `127.0.0.1:${demoPort}`], { env: { PATH: '/usr/bin:/bin' } });
  await until('the demo', async () => (await fetch(`http://127.0.0.1:${demoPort}/livez`)).ok);
  const loader = await fetch(`http://127.0.0.1:${demoPort}/stele.js`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(loader.status, 200);
  assert.equal(loader.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(loader.headers.get('content-encoding'), 'br', 'precompressed, sent as it is');
  const text = await loader.text();
  const glue = text.match(/stele-[0-9a-f]{8}\.js/)?.[0];
  assert.ok(glue, 'the loader names its hashed glue');
  const wasm = (await (await fetch(`http://127.0.0.1:${demoPort}/${glue}`)).text()).match(/stele-[0-9a-f]{8}\.wasm/)?.[0];
  assert.ok(wasm, 'the glue names its hashed module');
  const module = await fetch(`http://127.0.0.1:${demoPort}/${wasm}`);
  assert.equal(module.headers.get('content-type'), 'application/wasm');
  assert.equal(module.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(execFileSync(binary, ['probe'], { env: { STELE_LISTEN: `0.0.0.0:${demoPort}` } }).length, 0);
  demo.child.kill();
});
