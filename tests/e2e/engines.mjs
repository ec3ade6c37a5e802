// Firefox and WebKit for the end-to-end suite, behind one small page interface, so that
// engines.test.mjs runs one list of checks in each:
//   Firefox: stock firefox-esr through puppeteer-core over WebDriver BiDi, headless.
//   WebKit: WebKitWebDriver (WebKitGTK's MiniBrowser, the engine of Safari) over plain W3C
//   WebDriver HTTP, on an Xvfb display of its own (MiniBrowser needs one).
// A page: goto, evaluate(fn, ...args), waitFor(fn, arg), click(x, y), press(key),
// drag(from, to), viewport(width, height), screenshot(path), problems(), close().
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check(arg)` in the page until it returns something truthy. */
async function waitFor(page, check, arg, { timeout = 20000, what = String(check) } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(check, arg);
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`${page.engine}: timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(50);
  }
}

/** Resolves once the page has painted its current DOM (two animation frames). */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));

// --- Firefox -------------------------------------------------------------------------------

export async function firefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    protocol: 'webDriverBiDi',
    headless: true,
    // No updates, telemetry or first-run pages: only the shop's own requests.
    extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false, 'network.captive-portal-service.enabled': false },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage({ width = 1280, height = 800 } = {}) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      await tab.setViewport({ width, height });
      const seen = [];
      tab.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
      tab.on('console', (message) => message.type() === 'error' && seen.push(`console: ${message.text()}`));
      const page = {
        engine: 'firefox',
        goto: async (url) => void (await tab.goto(url, { waitUntil: 'load' })),
        evaluate: (fn, ...args) => tab.evaluate(fn, ...args),
        waitFor: (check, arg, options) => waitFor(page, check, arg, options),
        click: (x, y) => tab.mouse.click(x, y),
        press: (key) => tab.keyboard.press(key),
        async drag(from, to) {
          await tab.mouse.move(from.x, from.y);
          await tab.mouse.down();
          await tab.mouse.move(to.x, to.y, { steps: 5 });
          await tab.mouse.up();
        },
        viewport: (w, h) => tab.setViewport({ width: w, height: h }),
        async screenshot(path) {
          await tab.evaluate(painted);
          await tab.screenshot({ path, fullPage: true });
        },
        problems: () => [...seen],
        close: () => context.close(),
      };
      return page;
    },
    close: () => browser.close(),
  };
}

// --- WebKit ----------------------------------------------------------------------------------

/** An X display of our own: Xvfb picks a free number and writes it to fd 3. */
async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x4800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  const display = await new Promise((resolve, reject) => {
    let text = '';
    child.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${log}`)));
    setTimeout(() => reject(new Error(`Xvfb did not start: ${log}`)), 10000);
  });
  return { display, stop: () => child.kill() };
}

const KEYS = { Enter: '\uE007', Tab: '\uE004', ArrowLeft: '\uE012', ArrowRight: '\uE014', ArrowDown: '\uE015', ArrowUp: '\uE013', Space: " ", Escape: '\uE00C', Home: '\uE011', End: '\uE010' };

export async function webkit({ port = 18869 } = {}) {
  const x = await startXvfb();
  const driver = spawn(process.env.WEBKIT_DRIVER || 'WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: x.display }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  driver.stdout.on('data', (chunk) => (log += chunk));
  driver.stderr.on('data', (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    if (process.env.STELE_WEBDRIVER_LOG) console.error('webdriver', method, path, JSON.stringify(body)?.slice(0, 120));
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30000),
    });
    const answer = await response.json();
    if (answer.value?.error) throw new Error(`webkit ${method} ${path}: ${answer.value.error}: ${answer.value.message}`);
    return answer.value;
  };
  for (let i = 0; ; i++) {
    try {
      if ((await call('GET', '/status')).ready) break;
    } catch (error) {
      if (i > 100) {
        driver.kill();
        x.stop();
        throw new Error(`WebKitWebDriver did not start: ${error.message} ${log}`);
      }
    }
    await sleep(100);
  }
  // One session (one MiniBrowser) for all pages: a new session right after the last one
  // ended sometimes never answers. Pages share nothing the widget keeps (it keeps nothing).
  const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } } } });
  const s = `/session/${session.sessionId}`;
  let chrome = 0; // the window's height beyond its viewport
  const engine = {
    name: 'webkit',
    version: `MiniBrowser ${session.capabilities.browserVersion}`,
    async newPage({ width = 1280, height = 800 } = {}) {
      await call('POST', `${s}/url`, { url: 'about:blank' });
      const evaluate = async (fn, ...args) => {
        const value = await call('POST', `${s}/execute/sync`, {
          script: `return Promise.resolve((${fn}).apply(null, arguments)).then((value) => ({ value }), (error) => ({ error: String(error && error.stack || error) }));`,
          args,
        });
        if (value && 'error' in value) throw new Error(`webkit: ${value.error}`);
        return value?.value;
      };
      const pointer = (actions) => call('POST', `${s}/actions`, { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });
      // A GTK window is never narrower than its minimum (447 px for MiniBrowser): below it,
      // the page's root element is held to the width asked for (the widget has no width
      // media queries, so it lays out as in a viewport that narrow) and the picture keeps a
      // blank strip on the right.
      const setViewport = async (w, h) => {
        await call('POST', `${s}/window/rect`, { width: w, height: h + chrome });
        const inner = await evaluate(() => [innerWidth, innerHeight]);
        if (inner[1] !== h && !chrome && inner[1] < h) {
          chrome = h - inner[1];
          await call('POST', `${s}/window/rect`, { width: w, height: h + chrome });
        }
        await evaluate((width) => {
          document.documentElement.style.width = innerWidth > width ? `${width}px` : '';
        }, w);
        page.size = { width: w, height: h };
      };
      const page = {
        engine: 'webkit',
        size: { width, height },
        goto: (url) => call('POST', `${s}/url`, { url }),
        evaluate,
        waitFor: (check, arg, options) => waitFor(page, check, arg, options),
        click: (cx, cy) => pointer([{ type: 'pointerMove', x: Math.round(cx), y: Math.round(cy), origin: 'viewport', duration: 0 }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]),
        press: (key) => call('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: KEYS[key] ?? key }, { type: 'keyUp', value: KEYS[key] ?? key }] }] }),
        drag: (from, to) =>
          pointer([
            { type: 'pointerMove', x: Math.round(from.x), y: Math.round(from.y), origin: 'viewport', duration: 0 },
            { type: 'pointerDown', button: 0 },
            ...[1, 2, 3, 4, 5].map((step) => ({ type: 'pointerMove', x: Math.round(from.x + ((to.x - from.x) * step) / 5), y: Math.round(from.y + ((to.y - from.y) * step) / 5), origin: 'viewport', duration: 20 })),
            { type: 'pointerUp', button: 0 },
          ]),
        viewport: setViewport,
        /** The whole page: the window grows to the document's height for the picture. */
        async screenshot(path) {
          const { width: w, height: h } = page.size;
          const full = await evaluate(() => Math.ceil(document.documentElement.scrollHeight));
          if (full > h) await setViewport(w, Math.min(full, 4600));
          await evaluate(painted);
          await writeFile(path, Buffer.from(await call('GET', `${s}/screenshot`), 'base64'));
          if (full > h) await setViewport(w, h);
        },
        problems: () => [],
        close: () => call('POST', `${s}/url`, { url: 'about:blank' }),
      };
      await setViewport(width, height);
      return page;
    },
    async close() {
      await call('DELETE', s).catch(() => {});
      driver.kill();
      x.stop();
    },
  };
  return engine;
}

export const ENGINES = { firefox, webkit };
