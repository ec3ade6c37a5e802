// The widget on theme-like pages (tests/e2e/pages/themes/, written for these tests): centred
// product cards, html { font-size: 62.5% }, a dark colour section with no attribute on the
// widget, global button/input/select/h2 rules, inherited letter-spacing and text-align,
// fractional widths, a narrow sidebar, right to left. Every check measures boxes, colours
// or pixels; axe runs on every state drawn, in the light and the dark section.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { SHOTS, launch, startRelay, startShop, waitReady, watchedPage } from './harness.mjs';
import { badgeOffsets, installColourTools, reviewBoxes } from './themes.mjs';

let relay, shop, browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  relay = await startRelay({ port: 18891 });
  shop = await startShop({ port: 18892, relay });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const server of [shop, relay]) server?.stop();
});

const WIDTHS = [1280, 390];

async function open(path, { width = 1280, height = 900, ready, js = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js, reducedMotion: 'reduce' });
  const { page, problems } = await watchedPage(context);
  await page.addInitScript(installColourTools);
  await page.goto(shop.url + path);
  if (ready) await waitReady(page, ready);
  return { context, page, problems };
}

/** axe on `selector` (every element it matches, shadow roots included). */
async function axe(page, selector, state) {
  // landmark-unique: these pages put two elements of one kind on a page (light and dark
  // section), whose regions and search forms share their names; a shop page has one.
  const results = await new AxeBuilder({ page }).include(selector).disableRules(['landmark-unique']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target}) ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`);
  assert.deepEqual(found, [], `axe, ${state}`);
}

async function shoot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The pixels of a 6 px wide strip across `x` (viewport px) at height `y`, as [r, g, b]. */
async function strip(page, x, y) {
  const left = Math.max(0, Math.min(Math.floor(x) - 3, page.viewportSize().width - 6));
  // fullPage: the clip is in page coordinates (the page is not scrolled: viewport ones too).
  const png = await page.screenshot({ fullPage: true, clip: { x: left, y: Math.floor(y), width: 6, height: 1 } });
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, 1).data;
    return Array.from({ length: image.width }, (_, i) => [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]]);
  }, png.toString('base64'));
}
const red = ([r, g, b]) => r > 150 && g < 110 && b < 110;

for (const width of WIDTHS) {
  test(`badges sit in centred cards like text (${width} px), light and dark section`, async () => {
    const { context, page, problems } = await open('themes/listing.html', { width, ready: 6 });
    const badges = await page.evaluate(badgeOffsets);
    assert.equal(badges.length, 6);
    for (const badge of badges) {
      assert.ok(Math.abs(badge.badge) <= 1, `${badge.section} ${badge.product}: badge ${badge.badge.toFixed(2)} px off the card's centre`);
      // One line as tall as the host's reserve (1.5em of the 16 px body, not of the 10 px root).
      assert.ok(Math.abs(badge.height - 24) < 0.5, `${badge.product}: badge ${badge.height} px tall`);
      assert.ok(badge.starsWidth >= 85, `${badge.product}: stars ${badge.starsWidth} px wide (1.1em × 5 of 16 px)`);
    }
    await axe(page, 'stele-stars', `listing badges at ${width} px`);
    assert.deepEqual(problems, []);
    await shoot(page, `themes-listing-${width}`);
    await context.close();
  });
}

for (const dir of ['ltr', 'rtl']) {
  for (const width of WIDTHS) {
    test(`reviews under a 62.5% root, at a fractional width (${dir}, ${width} px): sizes in px, magnifier, right border`, async () => {
      const { context, page, problems } = await open('themes/product.html', { width, height: 2400, ready: 3 });
      // Right to left: the same page turned, as a theme's RTL locale does (the widget follows).
      await page.evaluate((dir) => (document.documentElement.dir = dir), dir);
      await page.addStyleTag({ content: 'stele-reviews { --stele-border-color: rgb(220, 0, 0); }' });
      for (const selector of ['.layout stele-reviews', '.scheme-dark stele-reviews']) {
        const boxes = await page.evaluate(reviewBoxes, selector);
        assert.equal(boxes.fontSize, 16);
        // 2.25em, 2.5em of the host's 16 px (rem would give 22.5 and 25 px).
        assert.ok(boxes.search.height >= 35.5, `${selector}: search field ${boxes.search.height} px`);
        assert.ok(boxes.select.height >= 35.5, `${selector}: sort ${boxes.select.height} px`);
        assert.ok(boxes.go.height >= 35.5 && boxes.go.width >= 35.5, `${selector}: search button ${boxes.go.width}×${boxes.go.height}`);
        assert.ok(boxes.glass.width >= 14 && boxes.glass.height >= 14, `${selector}: magnifier ${boxes.glass.width}×${boxes.glass.height}`);
        assert.ok(boxes.more.height >= 39.5, `${selector}: "show more" ${boxes.more.height} px`);
        assert.ok(boxes.row.height >= 29.5, `${selector}: histogram row ${boxes.row.height} px`);
        assert.ok(boxes.card.right <= boxes.host.right + 0.01 && boxes.card.left >= boxes.host.left - 0.01, `${selector}: card inside the host`);
        // No paint containment on the host: it clipped a card that exactly fills a host at a
        // fractional width (its right border lost in a theme at 1280 px).
        assert.ok(!/paint|content|strict/.test(boxes.contain), `${selector}: contain: ${boxes.contain}`);
        // The card's own border is painted at both edges.
        const y = boxes.card.top + 20;
        const right = await strip(page, boxes.card.right, y);
        const left = await strip(page, boxes.card.left, y);
        assert.ok(left.some(red), `${selector}: left border ${JSON.stringify(left)}`);
        assert.ok(right.some(red), `${selector}: right border at x=${boxes.card.right} ${JSON.stringify(right)}`);
      }
      assert.ok((await page.evaluate(() => document.querySelector('.review-column').getBoundingClientRect().width)) % 1 !== 0, 'a fractional width');
      if (dir === 'rtl') {
        const flipped = await page.evaluate(() => getComputedStyle(document.querySelector('.layout stele-reviews').shadowRoot.querySelector('.stele-stars > svg')).transform);
        assert.notEqual(flipped, 'none', 'stars fill from the right');
        await axe(page, 'stele-reviews', `right to left at ${width} px`);
        await shoot(page, `themes-product-rtl-${width}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('dark section, no attribute: text and controls take its colour, cards and borders derive from it; axe in every state, light and dark', async () => {
  const { context, page, problems } = await open('themes/product.html', { width: 1280, ready: 3 });
  const contrasts = () =>
    page.evaluate(() =>
      ['.layout stele-reviews', '.scheme-dark stele-reviews'].map((selector) => {
        const root = document.querySelector(selector).shadowRoot;
        const of = (q) => window.__colours.contrast(root.querySelector(q));
        return {
          selector,
          comment: of('.stele-review__comment'),
          meta: of('.stele-review__meta'),
          verified: of('.stele-review__verified'),
          average: of('.stele-summary__average'),
          count: of('.stele-histogram__count'),
          select: of('select'),
          search: of('input[type=search]'),
          more: of('.stele-more'),
          card: window.__colours.backdrop(root.querySelector('.stele-review')),
          section: window.__colours.backdrop(document.querySelector(selector).parentElement),
        };
      }),
    );
  for (const found of await contrasts()) {
    for (const [name, ratio] of Object.entries(found)) if (typeof ratio === 'number') assert.ok(ratio >= 4.5, `${found.selector} ${name}: contrast ${ratio.toFixed(2)}`);
    // The card is a tint of the section, not a white box.
    const distance = Math.max(...found.card.slice(0, 3).map((v, i) => Math.abs(v - found.section[i])));
    assert.ok(distance <= 16, `${found.selector}: card ${found.card} on section ${found.section}`);
  }
  await axe(page, 'stele-reviews', 'product page, first page');
  // Every state the shopper can reach: a star filter, "only with comments", a search, more.
  const dark = page.locator('.scheme-dark stele-reviews');
  const light = page.locator('.layout stele-reviews');
  for (const host of [light, dark]) {
    await host.locator('.stele-histogram__row').first().click();
    await host.locator('.stele-histogram__row[aria-pressed="true"]').waitFor();
    await host.locator('.stele-list:not(.is-loading)').waitFor();
  }
  await axe(page, 'stele-reviews', 'filtered by stars');
  for (const host of [light, dark]) {
    await host.locator('.stele-histogram__row[aria-pressed="true"]').click();
    await host.locator('.stele-histogram__row[aria-pressed="true"]').waitFor({ state: 'detached' });
    await host.locator('input[type=checkbox]').check();
    await host.locator('.stele-list:not(.is-loading)').waitFor();
  }
  await axe(page, 'stele-reviews', 'only with comments');
  for (const host of [light, dark]) {
    await host.locator('input[type=search]').fill('zzzz-nothing');
    await host.locator('.stele-search__go').click();
    await host.locator('.stele-empty').waitFor();
  }
  await axe(page, 'stele-reviews', 'a search with no match');
  for (const host of [light, dark]) {
    await host.locator('input[type=search]').fill('');
    await host.locator('input[type=checkbox]').uncheck();
    await host.locator('.stele-more').waitFor();
    const before = await host.locator('.stele-review').count();
    await host.locator('.stele-more').click();
    await page.waitForFunction(([el, n]) => el.shadowRoot.querySelectorAll('.stele-review').length > n, [await host.elementHandle(), before]);
  }
  await axe(page, 'stele-reviews', 'more pages');
  for (const found of await contrasts()) for (const [name, ratio] of Object.entries(found)) if (typeof ratio === 'number') assert.ok(ratio >= 4.5, `after the states: ${found.selector} ${name}: ${ratio.toFixed(2)}`);
  assert.deepEqual(problems, []);
  await shoot(page, 'themes-product-1280');
  await context.close();
});

for (const width of WIDTHS) {
  test(`testimonials (${width} px): grid columns by container width, carousel pills, dark section contrast, narrow sidebar; axe`, async () => {
    const { context, page, problems } = await open('themes/home.html', { width, ready: 4 });
    const found = await page.evaluate(() => {
      const root = (id) => document.getElementById(id).shadowRoot;
      const columns = (id) => new Set([...root(id).querySelectorAll('.stele-grid > li')].map((li) => Math.round(li.getBoundingClientRect().left))).size;
      const buttons = (id) => [...root(id).querySelectorAll('.stele-carousel__controls button')].map((b) => b.getBoundingClientRect().height);
      const current = (id) => root(id).querySelector('.stele-carousel__slide.is-current');
      const contrast = (el) => window.__colours.contrast(el);
      const side = document.querySelector('.sidebar').getBoundingClientRect();
      const sideCard = current('side').querySelector('.stele-review').getBoundingClientRect();
      return {
        light: columns('grid'),
        dark: columns('dark-grid'),
        pills: [...buttons('side'), ...buttons('dark')],
        carousel: [...root('dark').querySelectorAll('.stele-carousel__controls button')].map(contrast),
        comment: contrast(current('dark').querySelector('.stele-review__comment') ?? current('dark').querySelector('.stele-review__meta')),
        gridComment: contrast(root('dark-grid').querySelector('.stele-review__meta')),
        sidebar: { right: side.right, left: side.left, cardRight: sideCard.right, cardLeft: sideCard.left },
      };
    });
    if (width === 1280) {
      assert.ok(found.light >= 3 && found.light <= 4, `${found.light} columns at 1168 px`);
    } else {
      assert.equal(found.light, 1, 'one column on a phone');
      assert.equal(found.dark, 1, 'one column on a phone');
    }
    for (const height of found.pills) assert.ok(height >= 39.5, `carousel button ${height} px tall (2.5em of 16 px)`);
    for (const ratio of [...found.carousel, found.comment, found.gridComment]) assert.ok(ratio >= 4.5, `dark section contrast ${ratio.toFixed(2)}`);
    assert.ok(found.sidebar.cardRight <= found.sidebar.right + 0.5 && found.sidebar.cardLeft >= found.sidebar.left - 0.5, `the card stays in the sidebar: ${JSON.stringify(found.sidebar)}`);
    await axe(page, 'stele-testimonials', `home at ${width} px: grid and carousel, light and dark section`);
    // The next slide, then the grid's next page.
    await page.locator('#dark').getByRole('button', { name: 'Next' }).click();
    await page.locator('#dark-grid').getByRole('button', { name: 'Show more reviews' }).click();
    await page.waitForFunction(() => document.getElementById('dark-grid').shadowRoot.querySelectorAll('.stele-review').length > 4);
    await axe(page, 'stele-testimonials', `home at ${width} px: next slide, second grid page`);
    assert.deepEqual(problems, []);
    await shoot(page, `themes-home-${width}`);
    await context.close();
  });
}

test('::part reaches the sort select, checkbox, search field and button, carousel controls; --stele-radius and --stele-verified-color reach them', async () => {
  const { context, page, problems } = await open('themes/home.html', { ready: 4 });
  const css = `
    stele-testimonials, stele-reviews { --stele-radius: 0px; --stele-verified-color: rgb(0, 90, 30); }
    stele-testimonials::part(previous), stele-testimonials::part(next), stele-testimonials::part(pause),
    stele-reviews::part(sort), stele-reviews::part(checkbox), stele-reviews::part(search), stele-reviews::part(search-button) { outline: 3px solid rgb(1, 2, 3); }
    stele-reviews::part(input), stele-reviews::part(button), stele-testimonials::part(button) { text-decoration-color: rgb(4, 5, 6); }`;
  const look = (selector, q) =>
    page.evaluate(
      ([selector, q]) =>
        [...document.querySelector(selector).shadowRoot.querySelectorAll(q)].map((el) => {
          const style = getComputedStyle(el);
          return { q, outline: style.outlineColor, shared: style.textDecorationColor, radius: style.borderTopLeftRadius, color: style.color };
        }),
      [selector, q],
    );
  await page.addStyleTag({ content: css });
  const carousel = await look('#side', '.stele-carousel__controls button');
  assert.equal(carousel.length, 3, 'previous, pause, next');
  for (const found of carousel) assert.deepEqual([found.outline, found.shared, found.radius], ['rgb(1, 2, 3)', 'rgb(4, 5, 6)', '0px'], JSON.stringify(found));
  const verified = await look('#grid', '.stele-review__verified');
  assert.equal(verified[0].color, 'rgb(0, 90, 30)');
  await page.goto(shop.url + 'themes/product.html');
  await waitReady(page, 3);
  await page.addStyleTag({ content: css });
  for (const q of ['select', 'input[type=checkbox]', 'input[type=search]', '.stele-search__go']) {
    const [found] = await look('.layout stele-reviews', q);
    assert.equal(found.outline, 'rgb(1, 2, 3)', `${q}: ::part`);
    if (q !== 'input[type=checkbox]') assert.equal(found.shared, 'rgb(4, 5, 6)', `${q}: ::part(input) or ::part(button)`);
    if (q !== 'input[type=checkbox]') assert.equal(found.radius, '0px', `${q}: --stele-radius`);
  }
  const [more] = await look('.layout stele-reviews', '.stele-more');
  assert.deepEqual([more.shared, more.radius], ['rgb(4, 5, 6)', '0px']);
  assert.equal((await look('.layout stele-reviews', '.stele-review__verified'))[0].color, 'rgb(0, 90, 30)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the server-rendered fragment: its stylesheet stays out of the page, the page\'s CSS out of it, and the takeover keeps every box', async () => {
  const measure = () =>
    page.evaluate(() => {
      const host = document.querySelector('stele-reviews');
      const root = host.shadowRoot;
      const box = (el) => el && JSON.parse(JSON.stringify(el.getBoundingClientRect()));
      return {
        banner: getComputedStyle(document.getElementById('banner')).paddingTop,
        host: box(host),
        search: box(root?.querySelector('input[type=search]')),
        select: box(root?.querySelector('select')),
        after: box(document.querySelector('.after')),
        average: box(root?.querySelector('.stele-summary__average')),
      };
    });
  let page;
  // Without JavaScript: the fragment alone, as crawlers and the first paint see it.
  const bare = await open('themes/fragment.html', { js: false });
  page = bare.page;
  const fragment = await measure();
  await bare.context.close();
  assert.equal(fragment.banner, '0px', "the fragment's stylesheet pads no section of the theme's");
  assert.ok(fragment.search, 'the fragment draws its search field');
  // The theme's input[type=search] (content-box, 15 px padding, line-height 2.2) stays out.
  assert.ok(fragment.search.height >= 35.5 && fragment.search.height < 40, `search field ${fragment.search.height} px`);
  const live = await open('themes/fragment.html', { ready: 1 });
  page = live.page;
  await page.locator('stele-reviews .stele-reviews').waitFor();
  const widget = await measure();
  assert.equal(widget.banner, '0px');
  for (const name of ['host', 'search', 'select', 'after', 'average'])
    for (const side of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(fragment[name][side] - widget[name][side]) < 0.5, `${name}.${side}: fragment ${fragment[name][side]}, widget ${widget[name][side]}`);
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout shift');
  await axe(page, 'stele-reviews', 'taken-over fragment');
  assert.deepEqual(live.problems, []);
  await live.context.close();
});
