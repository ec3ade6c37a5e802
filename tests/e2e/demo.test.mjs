// The README's demo: the Trunk storefront (built by `trunk build`) with /stele/ proxied to
// `stele-relay demo`, as `scripts/demo` serves it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, SHOTS, launch, startRelay, startShop, waitReady, watchedPage } from './harness.mjs';

let relay, shop, browser;

before(async () => {
  relay = await startRelay({ port: 18841 });
  shop = await startShop({ port: 18842, relay, root: join(ROOT, 'dist') });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  shop?.stop();
  relay?.stop();
});

test('the Trunk storefront renders every element through the proxied relay', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(shop.url);
  // Lazy elements render as they come into view.
  for (let y = 0; y < 6000; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  const total = await page.evaluate(() => document.querySelectorAll('stele-reviews, stele-stars, stele-testimonials').length);
  await waitReady(page, total);
  const empty = await page.$eval('stele-reviews[product="SKU-NEW-1"]', (el) => el.shadowRoot.textContent);
  assert.match(empty, /No reviews yet/);
  const product = await page.$eval('stele-reviews[product="2183"]', (el) => el.shadowRoot.querySelector('.stele-summary__count').textContent);
  assert.match(product, /de recenzii/, 'the page language (ro) applies');
  // The home page's carousel persuades, and says so: 4 and 5 stars, never a 1-star opening.
  const carousel = await page.$eval('stele-testimonials[layout="carousel"]', (el) => {
    const root = el.shadowRoot;
    const current = root.querySelector('.stele-carousel__slide.is-current .stele-stars');
    return { note: root.querySelector('[part~="note"]').textContent, first: current.getAttribute('aria-label') };
  });
  assert.equal(carousel.note, 'Afișăm recenziile noastre cu 4 stele sau mai mult');
  assert.ok(Number(carousel.first.match(/(\d+,\d)/)[1].replace(',', '.')) >= 3.5, `the carousel opens with ${carousel.first}`);
  assert.deepEqual(problems, []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, 'demo-storefront.png'), fullPage: true });
  await context.close();
});
