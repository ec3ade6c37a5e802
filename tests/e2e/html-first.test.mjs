// HTML first (issue 21, docs/embed.md "HTML first"): elements that hold their server-rendered
// fragment fetch no WebAssembly until a shopper needs it. A final fragment (badges, a grid of
// one page) never does; a reviews or carousel fragment waits for the first interaction or the
// browser's idle time after load, and the interaction that woke it still does its job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, launch, startRelay, startShop, watchedPage } from './harness.mjs';

let relay, shop, browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  relay = await startRelay({ port: 18871 });
  shop = await startShop({ port: 18872, relay });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const server of [shop, relay]) server?.stop();
});

/** A page that lists every wasm and widget glue it fetches; `idle: false` keeps the browser
 *  from ever reporting idle time (a main thread that stays busy), so only an interaction can
 *  bring the module in. */
async function open(path, { idle = true, viewport = { width: 1280, height: 900 }, base = shop.url } = {}) {
  const context = await browser.newContext({ viewport });
  const { page, problems } = await watchedPage(context);
  const fetched = [];
  page.on('request', (r) => /\.wasm$|stele-[\w-]+\.js$/.test(r.url()) && fetched.push(r.url().split('/').pop()));
  await page.addInitScript((idle) => {
    window.__allShifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__allShifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    if (!idle) {
      window.requestIdleCallback = () => 0;
      // Safari's stand-in (a timeout after load) must not fire either: the loader's only
      // timeouts after load are that one and the one-widget-per-task yield, which only
      // runs once a module is in.
    }
  }, idle);
  await page.goto(base + path, { waitUntil: 'load' });
  return { context, page, problems, fetched };
}

const wasmOf = (fetched) => fetched.filter((name) => name.endsWith('.wasm'));
const taken = (page, selector) => page.$eval(selector, (el) => !el.shadowRoot.querySelector('.stele-ssr') && !!el.shadowRoot.querySelector('.stele-root'));
/** Every control's box in the element's shadow root, to compare before and after. */
const boxes = (page, selector) =>
  page.$eval(selector, (el) => [...el.shadowRoot.querySelectorAll('button, select, input, .stele-review, .stele-quote')].map((c) => {
    const r = c.getBoundingClientRect();
    return `${c.localName} ${r.x.toFixed(2)},${r.y.toFixed(2)} ${r.width.toFixed(2)}x${r.height.toFixed(2)}`;
  }));

test('a listing whose badges hold their fragment fetches no WebAssembly at all', async () => {
  const { context, page, problems, fetched } = await open('html-first/listing.html');
  // Idle time, a scroll to the bottom, a hover and a click on a badge: still nothing.
  await page.waitForTimeout(1500);
  await page.mouse.wheel(0, 4000);
  await page.locator('stele-stars').first().hover();
  await page.locator('stele-stars').first().click();
  await page.waitForTimeout(1000);
  assert.deepEqual(wasmOf(fetched), [], `fetched ${fetched}`);
  assert.deepEqual(fetched, [], 'nor any widget glue');
  // What the fragments show is the data: the badge's label and count, in the page's language.
  const label = await page.locator('stele-stars[product="2183"] [role=img]').getAttribute('aria-label');
  assert.match(label, /^Evaluat cu \d,\d din 5, \d+ de recenzii$/);
  assert.equal(await page.locator('stele-stars[product="SKU-NEW-1"] .stele-badge__count').innerText(), '(0)');
  assert.equal(await page.evaluate(() => window.__allShifts), 0);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'html-first-listing.png'), fullPage: true });
  await context.close();
});

test('a final badge still becomes the widget when its settings change', async () => {
  const { context, page, problems, fetched } = await open('html-first/listing.html');
  await page.$eval('stele-stars[product="2183"]', (el) => el.setAttribute('lang', 'en'));
  await page.waitForFunction(() => document.querySelector('stele-stars[product="2183"]').shadowRoot.querySelector('[role=img]')?.getAttribute('aria-label')?.startsWith('Rated'));
  assert.deepEqual(wasmOf(fetched).map((n) => n.replace(/-[0-9a-f]+\.wasm$/, '')), ['stele-badges']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a product page with fragments fetches no WebAssembly before an interaction, and the click that brings it in takes effect', async () => {
  const { context, page, problems, fetched } = await open('html-first/product.html', { idle: false });
  await page.waitForTimeout(1500);
  assert.deepEqual(fetched, [], 'nothing before the shopper does something');
  const before = await boxes(page, 'stele-reviews');
  const shiftsBefore = await page.evaluate(() => window.__allShifts);
  assert.equal(shiftsBefore, 0);
  // The "4 stars" histogram row: a click on the fragment's button.
  const row = page.locator('stele-reviews button[part="histogram-row"]').nth(1);
  const label = await row.getAttribute('aria-label');
  assert.match(label, /^4 stele, (\d+) (de )?recenzii$/);
  const wanted = Number(label.match(/(\d+) (de )?recenzii/)[1]);
  await row.click();
  // The widget takes over, then does what the click asked: only 4-star reviews.
  await page.waitForFunction(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    return !root.querySelector('.stele-ssr') && root.querySelectorAll('button[part="histogram-row"]')[1]?.getAttribute('aria-pressed') === 'true';
  }, null, { timeout: 20000 });
  await page.waitForFunction(() => {
    const items = [...document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review [part=stars]')];
    return items.length > 0 && items.every((s) => s.getAttribute('aria-label').startsWith('Evaluat cu 4,0'));
  }, null, { timeout: 20000 });
  assert.ok(wanted > 0);
  assert.deepEqual(wasmOf(fetched).map((n) => n.replace(/-[0-9a-f]+\.wasm$/, '')), ['stele-reviews'], 'the reviews module, once');
  // Focus stays on the row that was clicked (now the widget's own).
  assert.equal(await page.$eval('stele-reviews', (el) => el.shadowRoot.activeElement?.getAttribute('part')), 'histogram-row');
  // The badges beside it stay the server's: final, never re-rendered.
  assert.ok(await page.$eval('stele-stars', (el) => !!el.shadowRoot.querySelector('.stele-ssr')));
  assert.ok(before.length > 5);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Waits until the page has fetched a module's wasm. */
const wasmFetched = (page) => page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')), null, { timeout: 20000 });

test('idle after load fetches the module, and the first interaction takes over unseen: same boxes, no shift, focus kept', async () => {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const { context, page, problems, fetched } = await open('html-first/product.html', { viewport: { width, height } });
    await wasmFetched(page);
    await page.waitForTimeout(300);
    assert.ok(await page.$eval('stele-reviews', (el) => !!el.shadowRoot.querySelector('.stele-ssr')), 'the fragment stays until the shopper does something');
    assert.deepEqual(wasmOf(fetched).map((n) => n.replace(/-[0-9a-f]+\.wasm$/, '')), ['stele-reviews']);
    const before = await boxes(page, 'stele-reviews');
    // Focus moving into the element (a Tab, say) is an interaction.
    await page.$eval('stele-reviews', (el) => el.shadowRoot.querySelector('input[type=search]').focus());
    await page.waitForFunction(() => !document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-ssr'), null, { timeout: 20000 });
    assert.ok(await taken(page, 'stele-reviews'));
    assert.deepEqual(await boxes(page, 'stele-reviews'), before, `${width}px: every control and card where it was`);
    assert.equal(await page.evaluate(() => window.__allShifts), 0, `${width}px: no layout shift`);
    assert.equal(await page.$eval('stele-reviews', (el) => el.shadowRoot.activeElement?.type), 'search', `${width}px: focus stays in the search field`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a press held while the module is already in: the takeover waits for the release, and the click still counts', async () => {
  const { context, page, problems } = await open('html-first/product.html');
  await wasmFetched(page);
  const row = page.locator('stele-reviews button[part="histogram-row"]').nth(1);
  const box = await row.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(500);
  assert.ok(await page.$eval('stele-reviews', (el) => !!el.shadowRoot.querySelector('.stele-ssr')), 'not under the shopper\'s finger');
  await page.mouse.up();
  await page.waitForFunction(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    const items = [...root.querySelectorAll('.stele-review [part=stars]')];
    return !root.querySelector('.stele-ssr') && root.querySelectorAll('button[part="histogram-row"]')[1]?.getAttribute('aria-pressed') === 'true'
      && items.length > 0 && items.every((s) => s.getAttribute('aria-label').startsWith('Evaluat cu 4,0'));
  }, null, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a sort chosen and a search typed before the widget is in are carried over', async () => {
  const { context, page, problems } = await open('html-first/product.html', { idle: false });
  const url = page.url();
  // Typing into the fragment's search field wakes the widget; Enter submits the search,
  // which the fragment's form alone would have done by loading the page again.
  const search = page.locator('stele-reviews input[type=search]');
  await search.click();
  await search.pressSequentially('calitate');
  await search.press('Enter');
  await page.waitForFunction(() => !document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-ssr'), null, { timeout: 20000 });
  assert.equal(page.url(), url, 'the page did not navigate');
  assert.equal(await page.$eval('stele-reviews', (el) => el.shadowRoot.querySelector('input[type=search]').value), 'calitate');
  await page.waitForFunction(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    const comments = [...root.querySelectorAll('.stele-review__comment')].map((c) => c.textContent.toLowerCase());
    return root.querySelector('.stele-list')?.getAttribute('aria-busy') === 'false' && comments.length > 0 && comments.every((c) => c.includes('calitate'));
  }, null, { timeout: 20000 });
  assert.equal(await page.$eval('stele-reviews', (el) => el.shadowRoot.activeElement?.type), 'search', 'focus stays in the search field');
  await context.close();

  // A sort chosen in the fragment's select: the widget opens sorted so.
  const second = await open('html-first/product.html', { idle: false });
  await second.page.locator('stele-reviews select').selectOption('lowest');
  await second.page.waitForFunction(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    const first = root.querySelector('.stele-review [part=stars]');
    return !root.querySelector('.stele-ssr') && root.querySelector('select').value === 'lowest' && first && /^Evaluat cu [01],/.test(first.getAttribute('aria-label'));
  }, null, { timeout: 20000 });
  assert.deepEqual([...problems, ...second.problems], []);
  await second.context.close();
});

test('a carousel fragment waits too, and its "next" click moves it once the widget is in', async () => {
  const { context, page, problems, fetched } = await open('html-first/home.html', { idle: false });
  await page.waitForTimeout(1000);
  assert.deepEqual(fetched, []);
  const shown = () => document.querySelector('stele-testimonials').shadowRoot.querySelector('.stele-carousel__slide[aria-hidden="false"]')?.textContent;
  const first = await page.evaluate(shown);
  assert.ok(first);
  await page.locator('stele-testimonials button[part~="next"]').click();
  await page.waitForFunction((first) => {
    const root = document.querySelector('stele-testimonials').shadowRoot;
    const now = root.querySelector('.stele-carousel__slide[aria-hidden="false"]')?.textContent;
    return !root.querySelector('.stele-ssr') && now && now !== first;
  }, first, { timeout: 20000 });
  assert.deepEqual(wasmOf(fetched).map((n) => n.replace(/-[0-9a-f]+\.wasm$/, '')), ['stele-testimonials']);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A shop of three testimonials (and one 2-star review its threshold hides): a relay that
 *  syncs them from a fake Feedback API, and a shop page server in front of it. */
async function smallShop() {
  const orders = [
    ['71001', 10, 'Livrare rapidă, exact ce am comandat.'],
    // Long enough to be clamped: its "Read more" is a disclosure, not a control.
    ['71002', 9, 'Calitate foarte bună pentru preț, cusături curate și material plăcut. '.repeat(8).trim()],
    ['71003', 8, 'Mărimea a fost potrivită.'],
    ['71004', 4, 'Culoarea diferă de poză.'],
  ].map(([orderno, score, comment], i) => ({
    order: { orderno, date: `2026-10-0${i + 1} 10:00:00` },
    score,
    comment,
    added_on: `2026-10-1${i} 12:00:00`,
    product_reviews: [],
  }));
  const upstream = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: orders })));
  await new Promise((resolve) => upstream.listen(18873, '127.0.0.1', resolve));
  const db = join(await mkdtemp(join(tmpdir(), 'stele-grid-')), 'stele.db');
  const small = await startRelay({
    port: 18874,
    command: 'serve',
    env: { RTG_REST_KEY: 'grid-test-key', RTG_CUSTOMER_ID: '42', STELE_UPSTREAM_URL: 'http://127.0.0.1:18873/json-feedback', STELE_DB: db },
  });
  for (let i = 0; i < 100 && (await fetch(`${small.url}readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  const front = await startShop({ port: 18875, relay: small });
  return { url: front.url, stop: () => [front, small, upstream].forEach((s) => (s.stop ? s.stop() : s.close())) };
}

test('a testimonials grid of one page is final: no module, even after idle, scroll and a click; a grid with more pages waits for its "show more"', async () => {
  const small = await smallShop();
  try {
    const { context, page, problems, fetched } = await open('html-first/grid.html', { idle: true, base: small.url });
    const quotes = (id) => page.$eval(id, (el) => el.shadowRoot.querySelectorAll('.stele-grid > li').length);
    const controls = (id) => page.$eval(id, (el) => el.shadowRoot.querySelectorAll('button, select, input, textarea').length);
    // The one-page fragment holds the shop's three testimonials and nothing to press; the
    // paged one (one per page) has its "show more".
    assert.equal(await quotes('#all'), 3);
    assert.equal(await controls('#all'), 0);
    assert.equal(await quotes('#paged'), 1);
    assert.equal(await controls('#paged'), 1, 'the paged grid has its "show more"');
    // Idle time passes (the page's idle callbacks run; before any click, as headless Chromium
    // gives none while the pointer rests on what it clicked), then a "Read more", a hover, a
    // click and a scroll.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))));
    assert.equal(await page.evaluate(() => window.__allShifts), 0, 'nothing moved before the shopper did something');
    // The long comment's "Read more" opens without the module: the browser opens a <details>.
    const readMore = page.locator('#all summary[part="read-more"]');
    assert.equal(await readMore.count(), 1);
    await readMore.click();
    assert.ok(await page.$eval('#all', (el) => el.shadowRoot.querySelector('.stele-review__toggle').open));
    assert.equal(await readMore.innerText(), 'Arată mai puțin');
    await page.locator('#all').hover();
    await page.locator('#all').click();
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(500);
    // Idle after load fetches the module for the paged grid only: it is interactive.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')), null, { timeout: 20000 });
    assert.deepEqual(wasmOf(fetched).map((n) => n.replace(/-[0-9a-f]+\.wasm$/, '')), ['stele-testimonials']);
    assert.ok(await page.$eval('#all', (el) => !!el.shadowRoot.querySelector('.stele-ssr')), 'the one-page grid keeps its fragment after idle, a hover and a click');
    // "Show more" on the paged grid takes it over and shows the next testimonial.
    await page.locator('#paged button').click();
    await page.waitForFunction(() => {
      const root = document.querySelector('#paged').shadowRoot;
      return !root.querySelector('.stele-ssr') && root.querySelectorAll('.stele-grid > li').length === 2;
    }, null, { timeout: 20000 });
    // The one-page grid is still the server's HTML: the module never rendered it.
    assert.ok(await page.$eval('#all', (el) => !!el.shadowRoot.querySelector('.stele-ssr')), 'the one-page grid keeps its fragment');
    assert.equal(await quotes('#all'), 3);
    // What moved after that followed the shopper's own clicks ("Read more", "show more").
    const unasked = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0)))
        .observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(0), 1000); // no entry at all: nothing moved
    }));
    assert.equal(unasked, 0, 'no shift the shopper did not cause');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    small.stop();
  }
});

test('JavaScript off: the listing and the product page show every badge and review', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shop.url + 'html-first/listing.html');
  const labels = await page.locator('stele-stars [role=img]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
  assert.equal(labels.length, 5);
  for (const label of labels.slice(0, 4)) assert.match(label, /^Evaluat cu \d,\d din 5, \d+ (de )?recenzi/);
  assert.equal(labels[4], 'Încă nicio evaluare');
  await page.goto(shop.url + 'html-first/product.html');
  assert.match(await page.locator('stele-reviews .stele-reviews').innerText(), /Cumpărător verificat/);
  await page.screenshot({ path: join(SHOTS, 'html-first-product-no-javascript.png'), fullPage: true });
  await context.close();
});
