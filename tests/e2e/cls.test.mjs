// Layout shift of bare elements (the documented script tag and an element, no fragment) in
// Chromium. The fragment's cases (0 everywhere) are in widget.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startRelay, startShop } from './harness.mjs';
import { CASES, measureShift } from './cls.mjs';

let relay, shop, browser;

before(async () => {
  relay = await startRelay({ port: 18841 });
  shop = await startShop({ port: 18842, relay });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  shop?.stop();
  relay?.stop();
});

const HINT = /^\[stele\] <stele-reviews product="2183"> moved the page by -\d+px when its data arrived \(layout shift\): embed the server-rendered fragment: docs\/embed\.md$/;

test('bare elements below the fold, listing badges: the page never moves', async () => {
  for (const c of CASES.filter((c) => c.below || c.path.includes('listing'))) {
    const { cls, sources, problems, hints } = await measureShift(browser, shop.url, c);
    assert.deepEqual(problems, [], c.label);
    assert.equal(cls, 0, `${c.label}: ${sources.join(' | ')}`);
    assert.deepEqual(hints.filter((h) => h.includes('layout shift')), [], c.label);
  }
});

test('bare elements in the first screen: a page of reviews and testimonials stay under CLS 0.1', async () => {
  for (const c of CASES.filter((c) => !c.below && !c.path.includes('listing') && c.reviews !== 0 && c.reviews !== 3)) {
    const { cls, sources, problems, hints } = await measureShift(browser, shop.url, c);
    assert.deepEqual(problems, [], c.label);
    assert.ok(cls < 0.1, `${c.label}: CLS ${cls}: ${sources.join(' | ')}`);
    assert.deepEqual(hints.filter((h) => h.includes('layout shift')), [], c.label);
  }
});

test('a product without reviews in the first screen: the one shift no skeleton avoids is named once, with the fix', async () => {
  for (const c of CASES.filter((c) => !c.below && c.reviews === 0)) {
    const { cls, problems, hints } = await measureShift(browser, shop.url, c);
    assert.deepEqual(problems, [], c.label);
    assert.ok(cls > 0, `${c.label}: the skeleton of a full page shrinks to "No reviews yet"`);
    assert.equal(hints.filter((h) => HINT.test(h)).length, 1, `${c.label}: ${hints.join(' | ')}`);
  }
});

test('the loader draws the skeleton the widget draws: nothing moves when the widget takes over', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The data never arrives: what stays on screen is the skeleton, first the loader's, then the widget's.
  for (const data of ['**/v1/products/2183.json', '**/v1/shop.json', '**/v1/summaries*']) await page.route(data, () => {});
  const SELECTOR = 'stele-reviews, stele-testimonials, stele-stars';
  const boxes = () =>
    page.$$eval(SELECTOR, (elements) =>
      elements.map((element) => {
        // A badge's skeleton is its host's box (the loader draws nothing inside).
        const root = element.shadowRoot.firstElementChild;
        const nodes = element.localName === 'stele-stars' ? [element] : [element, root, ...root.querySelectorAll('.stele-sk, .stele-sk *')];
        return nodes.map((node) => { const r = node.getBoundingClientRect(); return `${node.className || node.localName} ${r.x},${r.y} ${r.width}x${r.height}`; }).join(' | ');
      }),
    );
  let release;
  // The widget's module waits until the loader's skeleton is measured.
  await page.route('**/*.wasm', async (route) => {
    await new Promise((resolve) => (release = resolve));
    await route.continue();
  });
  for (const path of ['bare/product.html', 'bare/home.html', 'bare/listing.html']) {
    await page.goto(shop.url + path);
    await page.waitForFunction(() => performance.getEntriesByType('resource').length && document.querySelector('stele-reviews, stele-testimonials, stele-stars').shadowRoot);
    const drawnByLoader = await boxes();
    await page.$$eval(SELECTOR, (elements) => (window.__loaderRoots = elements.map((e) => e.shadowRoot.firstElementChild)));
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    release = null;
    // Taken over: the widget replaced the loader's root with its own.
    await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((e, i) => e.shadowRoot.firstElementChild !== window.__loaderRoots[i]), SELECTOR);
    assert.deepEqual(await boxes(), drawnByLoader, path);
  }
  await context.close();
});
