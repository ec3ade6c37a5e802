// Layout shift of bare elements (the script tag and an element, no server-rendered fragment),
// measured in Chromium with the Layout Instability API, as Lighthouse and CrUX count it.
import { watchedPage } from './harness.mjs';

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };

/** The relay's product JSON for 2183, cut to `count` reviews (null: as served). */
function productWith(json, count) {
  if (count == null) return json;
  const items = json.reviews.items.slice(0, count);
  const histogram = [0, 0, 0, 0, 0];
  for (const review of items) if (review.stars != null) histogram[Math.max(1, Math.ceil(review.stars)) - 1] += 1;
  const scored = items.filter((r) => r.stars != null);
  const average = scored.length ? Math.round((scored.reduce((sum, r) => sum + r.stars, 0) / scored.length) * 10) / 10 : null;
  return {
    ...json,
    summary: { count: items.length, average, histogram, with_comment: items.filter((r) => r.comment).length },
    reviews: { ...json.reviews, items, total: items.length, total_pages: items.length ? 1 : 0 },
  };
}

/** Loads `path` on `shopUrl` at `viewport`, with product 2183 cut to `reviews`; waits for
 *  `ready` elements, scrolls through the page, and returns the cumulative layout shift with
 *  the sources of every shift. */
export async function measureShift(browser, shopUrl, { path, reviews = null, viewport = VIEWPORTS.desktop, ready = 1 }) {
  const context = await browser.newContext({ viewport });
  const { page, problems } = await watchedPage(context);
  const hints = [];
  page.on('console', (m) => m.type() === 'warning' && hints.push(m.text()));
  await page.addInitScript(() => {
    window.__sources = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        for (const source of entry.sources || [])
          window.__sources.push(`${entry.value.toFixed(4)} ${source.node?.nodeName || '?'}${source.node?.className ? '.' + source.node.className : ''} y ${source.previousRect.y}→${source.currentRect.y} h ${source.previousRect.height}→${source.currentRect.height}`);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.route('**/v1/products/2183.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: productWith(await response.json(), reviews) });
  });
  await page.goto(shopUrl + path);
  await page.waitForFunction((n) => window.__ready.length >= n, ready, { timeout: 20000 });
  // Two frames after the last render, then down the page as a shopper would read it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += viewport.height / 2) {
    await page.mouse.wheel(0, viewport.height / 2);
    await page.waitForTimeout(50);
  }
  const result = await page.evaluate(() => ({ cls: window.__shifts, sources: window.__sources }));
  await context.close();
  return { ...result, hints, problems };
}

/** Every case the widget issue names: products with 0, 3 and a page or more of reviews,
 *  above and below the fold, desktop and mobile; testimonials and a listing grid of badges. */
export const CASES = [
  ...[0, 3, null].flatMap((reviews) =>
    ['product.html', 'product-below.html'].flatMap((file) =>
      Object.entries(VIEWPORTS).map(([name, viewport]) => ({
        label: `reviews, ${reviews ?? 'a page+'} reviews, ${file === 'product.html' ? 'first viewport' : 'below the fold'}, ${name}`,
        path: `bare/${file}`, reviews, viewport, below: file !== 'product.html',
      })),
    ),
  ),
  ...Object.entries(VIEWPORTS).map(([name, viewport]) => ({ label: `testimonials, first viewport, ${name}`, path: 'bare/home.html', viewport })),
  ...Object.entries(VIEWPORTS).map(([name, viewport]) => ({ label: `listing grid of 6 badges, ${name}`, path: 'bare/listing.html', viewport, ready: 6 })),
];
