// The widget in Chromium against `stele-relay demo`, embedded as shops embed it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { SHOTS, launch, shadowText, startRelay, startShop, waitReady, watchedPage } from './harness.mjs';

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";
let relay, shop, strictShop, crossShop, browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  relay = await startRelay({ port: 18801, origins: ['http://127.0.0.1:18803'] });
  shop = await startShop({ port: 18802, relay });
  crossShop = await startShop({ port: 18803, relay });
  strictShop = await startShop({ port: 18804, relay, headers: { 'content-security-policy': STRICT } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const server of [shop, crossShop, strictShop, relay]) server?.stop();
});

test('script tag on another origin: elements render, badges share one request', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const summaryRequests = [];
  page.on('request', (r) => r.url().includes('/v1/summaries') && summaryRequests.push(r.url()));
  await page.goto(crossShop.url + 'cross-origin.html');
  await waitReady(page, 5);
  assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
  // The review notice: closed, styleable as ::part(disclosure), true to the demo relay's
  // settings (no moderation), and opened by a click.
  const notice = page.locator('stele-reviews details[part="disclosure"]');
  assert.equal(await notice.getAttribute('open'), null);
  await notice.locator('summary').click();
  assert.match(await notice.innerText(), /How reviews are collected\s+Only customers who placed an order can leave a review[^]*All reviews are shown, positive and negative\./);
  assert.match(await page.$eval('stele-stars', (el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /^Rated \d\.\d out of 5, \d+ reviews$/);
  assert.equal(summaryRequests.length, 1, `one summaries request for four badges: ${summaryRequests}`);
  assert.ok(summaryRequests[0].startsWith(relay.url), 'data comes from the relay origin');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const cookies = await context.cookies();
  assert.deepEqual(cookies, [], 'no cookies');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'no storage');
  await page.screenshot({ path: join(SHOTS, 'cross-origin.png'), fullPage: true });
  await context.close();
});

test('elements added later upgrade, re-render on product change, and unmount on removal', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url + 'late.html');
  await page.waitForFunction(() => window.Stele && window.addProduct);
  await page.evaluate(() => window.addProduct('2183'));
  await waitReady(page, 1);
  assert.match(await shadowText(page, 'stele-reviews'), /reviews/);
  await page.evaluate(() => document.querySelector('stele-reviews').setAttribute('product', 'SKU-NEW-1'));
  await waitReady(page, 2);
  assert.match(await shadowText(page, 'stele-reviews'), /No reviews yet/);
  await page.evaluate(() => {
    window.__kept = document.querySelector('stele-reviews');
    window.__kept.remove();
  });
  assert.equal(await page.evaluate(() => window.__kept.shadowRoot.querySelector('.stele-reviews')), null, 'unmounted on removal');
  await page.evaluate(() => {
    window.Stele.destroy(window.__kept);
    window.Stele.destroy(window.__kept);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the JS API: options kept for detached elements, bad values hinted, nothing thrown', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const hints = [];
  page.on('console', (m) => m.type() === 'warning' && hints.push(m.text()));
  await page.goto(shop.url + 'late.html');
  await page.waitForFunction(() => window.Stele);
  const thrown = await page.evaluate(async () => {
    const errors = [];
    const attempt = async (f) => {
      try {
        await f();
      } catch (error) {
        errors.push(String(error));
      }
    };
    await attempt(() => window.Stele.destroy(null));
    await attempt(() => window.Stele.mount(null, { kind: 'reviews' }));
    const badge = document.createElement('stele-stars');
    badge.setAttribute('product', '2183');
    await attempt(() => window.Stele.mount(badge, { src: 'http://[bad' }));
    document.querySelector('#app').append(badge);
    // Mounted before it is in the page: connecting it renders it, with these options.
    const element = document.createElement('stele-reviews');
    await attempt(() => window.Stele.mount(element, { product: '2183', lang: 'ro', perPage: 500, sort: 'best' }));
    document.querySelector('#app').append(element);
    return errors;
  });
  assert.deepEqual(thrown, []);
  await waitReady(page, 1);
  assert.match(await shadowText(page, 'stele-reviews'), /Cumpărător verificat|recenzii/, 'the options given to mount() apply');
  // An attribute change re-renders with the same options.
  await page.evaluate(() => document.querySelector('stele-reviews').setAttribute('theme', 'dark'));
  await waitReady(page, 2);
  assert.match(await shadowText(page, 'stele-reviews'), /recenzii/, 'still Romanian after a re-render');
  const expected = [
    /^\[stele\] mount\(element, options\) needs an element/,
    /^\[stele\] <stele-stars> src="http:\/\/\[bad" is not a URL/,
    /^\[stele\] <stele-reviews> per-page="500" must be a whole number from 1 to 100; using 100$/,
    /^\[stele\] <stele-reviews> sort="best" is not one of newest, oldest, highest, lowest; using newest$/,
  ];
  for (const pattern of expected) assert.ok(hints.some((h) => pattern.test(h)), `${pattern} in ${hints.join(' | ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('theme="auto" in a dark colour scheme paints its own background; light is the default', async () => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url + 'late.html');
  await page.waitForFunction(() => window.Stele);
  await page.evaluate(() => {
    for (const theme of ['auto', null]) {
      const element = document.createElement('stele-reviews');
      element.setAttribute('product', '2183');
      element.setAttribute('loading', 'eager');
      if (theme) element.setAttribute('theme', theme);
      document.querySelector('#app').append(element);
    }
  });
  await waitReady(page, 2);
  const [auto, fallback] = await page.$$eval('stele-reviews', (elements) =>
    elements.map((el) => {
      const root = el.shadowRoot.querySelector('.stele-root');
      return { theme: root.dataset.theme, background: getComputedStyle(root).backgroundColor };
    }),
  );
  assert.deepEqual(auto, { theme: 'auto', background: 'rgb(18, 18, 18)' });
  assert.deepEqual(fallback, { theme: 'light', background: 'rgba(0, 0, 0, 0)' });
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'auto-theme-dark-scheme.png'), fullPage: true });
  await context.close();
});

/** Adds a <stele-testimonials> with `attributes` to late.html and waits for it. */
async function carousel(page, attributes, ready) {
  await page.evaluate((attributes) => {
    const element = document.createElement('stele-testimonials');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.querySelector('#app').append(element);
  }, attributes);
  await waitReady(page, ready);
  return () => page.$eval('stele-testimonials', (el) => [...el.shadowRoot.querySelectorAll('.stele-carousel__slide')].findIndex((s) => s.classList.contains('is-current')));
}

test('carousel: buttons, keyboard and swipe move it; it never moves by itself unless asked', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url + 'late.html');
  await page.waitForFunction(() => window.Stele);
  const current = await carousel(page, { loading: 'eager' }, 1);
  assert.equal(await current(), 0);
  const next = page.locator('stele-testimonials .stele-carousel__controls button').last();
  const previous = page.locator('stele-testimonials .stele-carousel__controls button').first();
  assert.equal(await next.getAttribute('aria-label'), 'Next');
  await next.click();
  assert.equal(await current(), 1);
  await previous.focus();
  await page.keyboard.press('Enter');
  assert.equal(await current(), 0, 'keyboard operable');
  await page.locator('stele-testimonials .stele-carousel__viewport').scrollIntoViewIfNeeded();
  const box = await page.locator('stele-testimonials .stele-carousel__viewport').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, y, { steps: 5 });
  await page.mouse.up();
  assert.equal(await current(), 1, 'a swipe towards the start goes to the next slide');
  await page.waitForTimeout(1500);
  assert.equal(await current(), 1, 'no autoplay by default');
  assert.equal(await page.locator('stele-testimonials .stele-carousel__pause').count(), 0, 'nothing to pause');
  assert.deepEqual(problems, []);
  await context.close();
});

test('carousel autoplay: moves, pauses, and stays still for reduced motion', async () => {
  const moving = await browser.newContext();
  const { page, problems } = await watchedPage(moving);
  await page.goto(shop.url + 'late.html');
  await page.waitForFunction(() => window.Stele);
  const current = await carousel(page, { loading: 'eager', autoplay: '1' }, 1);
  await page.waitForFunction(() => document.querySelector('stele-testimonials').shadowRoot.querySelector('.stele-carousel__slide.is-current') !== document.querySelector('stele-testimonials').shadowRoot.querySelector('.stele-carousel__slide'), null, { timeout: 5000 });
  const pause = page.locator('stele-testimonials .stele-carousel__pause');
  assert.equal(await pause.innerText(), 'Pause');
  await pause.click();
  assert.equal(await pause.innerText(), 'Play', 'one control whose name says what it will do');
  const stopped = await current();
  await page.waitForTimeout(2500);
  assert.equal(await current(), stopped, 'paused');
  assert.deepEqual(problems, []);
  await moving.close();

  const still = await browser.newContext({ reducedMotion: 'reduce' });
  const calm = await watchedPage(still);
  await calm.page.goto(shop.url + 'late.html');
  await calm.page.waitForFunction(() => window.Stele);
  const calmCurrent = await carousel(calm.page, { loading: 'eager', autoplay: '1' }, 1);
  await calm.page.waitForTimeout(2500);
  assert.equal(await calmCurrent(), 0, 'prefers-reduced-motion: no autoplay');
  assert.equal(await calm.page.locator('stele-testimonials .stele-carousel__pause').innerText(), 'Play', 'shown as paused; the shopper may start it');
  assert.deepEqual(calm.problems, []);
  await still.close();
});

test('strict CSP: renders with no violation and no style attribute', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(strictShop.url + 'strict.html');
  await waitReady(page, 3);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  const styled = await page.evaluate(() =>
    [...document.querySelectorAll('stele-reviews, stele-stars, stele-testimonials')].flatMap((el) => [...el.shadowRoot.querySelectorAll('[style]')]).length,
  );
  assert.equal(styled, 0);
  await page.screenshot({ path: join(SHOTS, 'strict-csp.png'), fullPage: true });
  await context.close();
});

test('JavaScript off: the server-rendered fragment shows stars and reviews', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shop.url + 'takeover.html');
  // The fragment is a declarative shadow root: its text is the root's, not the host's.
  const text = await page.locator('stele-reviews .stele-reviews').innerText();
  assert.match(text, /Cumpărător verificat/);
  assert.match(text, /\d,\d/);
  const label = await page.locator('stele-reviews .stele-summary [role=img]').getAttribute('aria-label');
  assert.match(label, /^Evaluat cu \d,\d din 5, \d+ de recenzii$/);
  const ld = JSON.parse(await page.locator('stele-reviews script[type="application/ld+json"]').textContent());
  const visible = await page.locator('stele-reviews .stele-summary__average').innerText();
  assert.equal(ld.aggregateRating.ratingValue, Number(visible.replace(',', '.')), 'JSON-LD equals the visible average');
  const count = await page.locator('stele-reviews .stele-summary__count').innerText();
  assert.equal(`${ld.aggregateRating.reviewCount} de recenzii`, count, 'and the visible count');
  await page.screenshot({ path: join(SHOTS, 'no-javascript.png'), fullPage: true });
  await context.close();
});

test('takeover from the fragment: no layout shift', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url + 'takeover.html');
  await waitReady(page, 2);
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  assert.equal(shifts, 0, `cumulative layout shift ${shifts}`);
  assert.ok(await page.$eval('stele-reviews', (el) => !!el.shadowRoot.querySelector('.stele-reviews')), 'the widget took over');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'takeover.png'), fullPage: true });
  await context.close();
});

// Browsers paint a server-rendered fragment while still parsing it, so the takeover test
// above flaked whenever a frame caught the summary half-parsed (its headline was centred
// against histogram rows still to come). Deterministically: parse the fragment cut before
// each tag and compare every painted node's place with its place in the whole fragment.
test('server-rendered fragments: nothing painted moves while the rest arrives', async () => {
  const fragments = ['v1/products/2183/embed.html?lang=ro', 'v1/shop/embed.html?lang=ro&layout=grid', 'v1/shop/embed.html?lang=ro', 'v1/products/2183/embed.html?lang=en&theme=dark'];
  const bodies = await Promise.all(fragments.map(async (path) => (await fetch(relay.url + path)).text()));
  for (const width of [1200, 390]) {
    // No JavaScript: the elements stay plain containers with the page's stele.css applied.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(shop.url + 'takeover.html');
    for (const [i, body] of bodies.entries()) {
      // A declarative shadow root: its stylesheet, then the root (the data stays outside).
      const shadow = body.match(/^<template shadowrootmode="open"><link rel="stylesheet"[^>]*>([^]*?)<\/template>/);
      assert.ok(shadow, `${fragments[i]}: ${body.slice(0, 120)}`);
      const moved = await page.evaluate((html) => {
        // The page's own fragment made this shadow root as it was parsed, without JavaScript.
        const host = document.querySelector('stele-reviews').shadowRoot;
        const link = host.querySelector('link'); // kept, so the stylesheet stays applied
        const render = (text) => {
          while (link.nextSibling) link.nextSibling.remove();
          link.insertAdjacentHTML('afterend', text);
          const walker = document.createTreeWalker(host, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
          const nodes = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            const r = node.nodeType === Node.TEXT_NODE ? range.getBoundingClientRect() : node.getBoundingClientRect();
            const name = node.nodeType === Node.TEXT_NODE ? `"${node.textContent.trim().slice(0, 20)}"` : `<${node.localName} class="${node.getAttribute('class') || ''}">`;
            // Boxes without area paint nothing, and layout-shift entries ignore them too.
            nodes.push(r.width > 0 && r.height > 0 ? { name, x: r.x, y: r.y } : null);
          }
          return nodes;
        };
        const whole = render(html);
        const moved = new Set();
        for (const { index } of html.matchAll(/</g)) {
          render(html.slice(0, index)).forEach((now, n) => {
            const then = whole[n];
            if (now && then && (Math.abs(now.x - then.x) > 0.01 || Math.abs(now.y - then.y) > 0.01))
              moved.add(`${now.name} (${now.x},${now.y}) -> (${then.x},${then.y}) when cut before ${html.slice(index, index + 30)}`);
          });
        }
        return [...moved];
      }, shadow[1]);
      assert.deepEqual(moved.slice(0, 5), [], `${fragments[i]} at ${width}px wide: ${moved.length} moves`);
    }
    await context.close();
  }
});

test('accessibility: axe finds no violations', async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(shop.url + 'takeover.html');
  await waitReady(page, 2);
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`);
  assert.deepEqual(summary, []);
  await context.close();
});

test('the testimonials grid, drawn by the testimonials-only module: "show more" has its text and name, and loads more', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const wasm = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url().split('/').pop().replace(/-[0-9a-f]+\.wasm$/, '')));
  await page.goto(shop.url + 'home-grid.html');
  await waitReady(page, 1);
  assert.deepEqual(wasm, ['stele-testimonials'], 'the grid alone brings the testimonials-only module');
  const more = page.locator('stele-testimonials').getByRole('button', { name: 'Show more reviews' });
  await more.waitFor();
  assert.equal((await more.textContent()).trim(), 'Show more reviews');
  const cards = () => page.evaluate(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('article').length);
  const before = await cards();
  await more.click();
  await page.waitForFunction((n) => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('article').length > n, before);
  const results = await new AxeBuilder({ page }).include('stele-testimonials').analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('right-to-left pages flip the stars; theme="dark" switches colours', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url + 'rtl.html');
  await waitReady(page, 2);
  const looks = await page.$eval('stele-reviews', (el) => {
    const root = el.shadowRoot;
    const svg = root.querySelector('.stele-summary .stele-stars svg');
    const card = root.querySelector('.stele-review');
    const fill = root.querySelector('.stele-summary .stele-stars svg svg');
    return {
      transform: getComputedStyle(svg).transform,
      fillTransform: getComputedStyle(fill).transform,
      rootBackground: getComputedStyle(root.querySelector('.stele-root')).backgroundColor,
      theme: root.querySelector('.stele-root').dataset.theme,
      background: getComputedStyle(card).backgroundColor,
      direction: getComputedStyle(root.querySelector('.stele-reviews')).direction,
      bar: getComputedStyle(root.querySelector('.stele-histogram__bar')).transform,
    };
  });
  const arrows = await page.$eval('stele-testimonials', (el) =>
    [...el.shadowRoot.querySelectorAll('.stele-glyph')].map((glyph) => getComputedStyle(glyph).transform),
  );
  assert.deepEqual(arrows, ['matrix(-1, 0, 0, 1, 0, 0)', 'matrix(-1, 0, 0, 1, 0, 0)'], 'arrows point the reading way');
  await page.locator('stele-testimonials .stele-carousel__viewport').scrollIntoViewIfNeeded();
  const box = await page.locator('stele-testimonials .stele-carousel__viewport').boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const slide = await page.$eval('stele-testimonials', (el) => [...el.shadowRoot.querySelectorAll('.stele-carousel__slide')].findIndex((s) => s.classList.contains('is-current')));
  assert.equal(slide, 1, 'right to left, a swipe to the right goes to the next slide');
  assert.equal(looks.bar, 'matrix(-1, 0, 0, 1, 0, 0)', 'histogram bars fill from the right');
  assert.equal(looks.transform, 'matrix(-1, 0, 0, 1, 0, 0)', 'stars fill from the right');
  assert.equal(looks.fillTransform, 'none', 'the clipped fill is not flipped twice');
  assert.equal(looks.rootBackground, 'rgb(18, 18, 18)', 'dark text gets a dark background');
  assert.equal(looks.direction, 'rtl');
  assert.equal(looks.theme, 'dark');
  assert.equal(looks.background, 'rgb(31, 31, 31)', 'dark card background');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(SHOTS, 'rtl-dark.png'), fullPage: true });
  await context.close();
});

test('a page of badges only loads the small badge module and one summaries request', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const wasm = [];
  const summaries = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop());
    if (r.url().includes('/v1/summaries')) summaries.push(r.url());
  });
  await page.goto(shop.url + 'listing.html');
  await waitReady(page, 4);
  assert.equal(wasm.length, 1, `${wasm}`);
  assert.match(wasm[0], /^stele-badges-[0-9a-f]+\.wasm$/);
  assert.equal(summaries.length, 1);
  const labels = await page.$$eval('stele-stars', (els) => els.map((el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')));
  assert.equal(labels.length, 4);
  assert.ok(labels.slice(0, 3).every((label) => /out of 5, \d+ reviews?$/.test(label)), labels.join(' | '));
  assert.equal(labels[3], 'No rating yet', 'a product without reviews');
  assert.deepEqual(problems, []);
  await context.close();
});

test('each page kind loads the one module that draws what it shows; a kind added later brings its own', async () => {
  const fetchedOn = async (path, ready, then) => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url().split('/').pop().replace(/-[0-9a-f]+\.wasm$/, '')));
    await page.goto(shop.url + path);
    await waitReady(page, ready);
    if (then) await then(page);
    assert.deepEqual(problems, [], path);
    await context.close();
    return wasm;
  };
  assert.deepEqual(await fetchedOn('kinds/product.html', 4), ['stele-reviews'], 'a product page with badges');
  assert.deepEqual(await fetchedOn('kinds/home.html', 4), ['stele-testimonials'], 'a home page with badges');
  assert.deepEqual(await fetchedOn('takeover.html', 2), ['stele'], 'reviews and testimonials: the full module, once');
  // A listing that later shows reviews (a quick view): the badges keep their module, the
  // reviews come with the module that draws them, and nothing is fetched twice.
  const later = await fetchedOn('listing.html', 4, async (page) => {
    await page.evaluate(() => {
      const reviews = Object.assign(document.createElement('stele-reviews'), {});
      reviews.setAttribute('product', '2183');
      reviews.setAttribute('loading', 'eager');
      document.querySelector('main').append(reviews);
    });
    await waitReady(page, 5);
  });
  assert.deepEqual(later, ['stele-badges', 'stele-reviews']);
});
