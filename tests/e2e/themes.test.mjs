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
  // Every rule, landmark-unique too: these pages put two or four elements of one kind on a
  // page (light and dark section), and each region and search form has a name of its own.
  const results = await new AxeBuilder({ page }).include(selector).analyze();
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
    // "Verified buyer" clears 4.5:1 with room: on the dark section it measured 4.75.
    assert.ok(found.verified >= 5, `${found.selector} verified: contrast ${found.verified.toFixed(2)}`);
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

/** The stars of every testimonial the carousel or grid `id` shows, from their names. */
const shownStars = (page, id) =>
  page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const visible = [...root.querySelectorAll('.stele-review')].filter((card) => getComputedStyle(card.closest('.stele-carousel__slide') ?? card).visibility === 'visible');
    return visible.map((card) => Number(card.querySelector('.stele-stars').getAttribute('aria-label').match(/(\d+[.,]\d)/)[1].replace(',', '.')));
  }, id);

for (const width of WIDTHS) {
  test(`testimonials persuade and say so (${width} px): 4 and 5 stars by default, the line in the visitor's language, as many carousel cards as fit; axe light and dark`, async () => {
    const { context, page, problems } = await open('themes/home.html', { width, ready: 4 });
    const found = await page.evaluate(() => {
      const root = (id) => document.getElementById(id).shadowRoot;
      const visible = (id) => [...root(id).querySelectorAll('.stele-carousel__slide')].filter((s) => getComputedStyle(s).visibility === 'visible').map((s) => s.getBoundingClientRect());
      return {
        notes: ['grid', 'side', 'dark', 'dark-grid'].map((id) => root(id).querySelector('[part~="note"]')?.textContent),
        dark: visible('dark'),
        side: visible('side').length,
      };
    });
    for (const note of found.notes) assert.equal(note, 'Showing our reviews with 4 stars or more');
    for (const id of ['grid', 'side', 'dark', 'dark-grid']) {
      const stars = await shownStars(page, id);
      assert.ok(stars.length >= 1, id);
      assert.ok(stars.every((n) => n >= 3.5), `${id} opens with ${stars}`);
    }
    // As many cards as the container fits: four in the 1168 px page, one on a phone and in
    // the 200 px sidebar; side by side, each inside the element.
    if (width === 1280) {
      assert.ok(found.dark.length >= 3 && found.dark.length <= 4, `${found.dark.length} cards at 1168 px`);
      assert.ok(found.dark.every((r, i) => i === 0 || Math.abs(r.top - found.dark[0].top) < 0.5), 'in one row');
    } else assert.equal(found.dark.length, 1, 'one card on a phone');
    assert.equal(found.side, 1, 'one card in the sidebar');
    await axe(page, 'stele-testimonials', `home at ${width} px with the threshold line`);
    // The next slide keeps as many on show.
    await page.locator('#dark').getByRole('button', { name: 'Next' }).click();
    const after = await page.evaluate(() => [...document.getElementById('dark').shadowRoot.querySelectorAll('.stele-carousel__slide')].filter((s) => getComputedStyle(s).visibility === 'visible').length);
    assert.equal(after, found.dark.length);
    assert.deepEqual(problems, []);
    await shoot(page, `themes-testimonials-${width}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const id of ['grid', 'dark']) await page.evaluate((id) => document.getElementById(id).setAttribute('theme', 'auto'), id);
    await page.waitForFunction(() => document.getElementById('dark').shadowRoot.querySelector('.stele-root[data-theme="auto"] .stele-review'));
    await axe(page, 'stele-testimonials', `home at ${width} px, theme="auto" in a dark scheme`);
    await shoot(page, `themes-testimonials-${width}-dark`);
    await context.close();
  });
}

test('min-stars: the element asks for its own threshold and says the one its source applied; a static export that ignored it gets a hint; ro and every language', async () => {
  const { context, page, problems } = await open('themes/home.html', { width: 1280, ready: 4 });
  const hints = [];
  page.on('console', (m) => m.type() === 'warning' && hints.push(m.text()));
  const mountWith = (attributes) =>
    page.evaluate((attributes) => {
      const element = document.createElement('stele-testimonials');
      element.id = 'asked';
      element.setAttribute('loading', 'eager');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.getElementById('asked')?.remove();
      document.querySelector('main').append(element);
    }, attributes);
  const note = () => page.evaluate(() => document.getElementById('asked').shadowRoot.querySelector('[part~="note"]')?.textContent);
  const ready = (n) => waitReady(page, n);
  await mountWith({ layout: 'grid', 'per-page': '100', 'min-stars': '1' });
  await ready(5);
  assert.equal(await note(), '', 'every star count: no threshold to state');
  assert.ok((await shownStars(page, 'asked')).some((n) => n < 4), 'min-stars="1" shows the low ones too');
  await mountWith({ layout: 'grid', 'per-page': '100', 'min-stars': '5', lang: 'ro' });
  await ready(6);
  assert.equal(await note(), 'Afișăm recenziile noastre cu 5 stele sau mai mult');
  assert.ok((await shownStars(page, 'asked')).every((n) => n >= 4.5));
  // A static export answers its one file whatever the query: the line says what it holds.
  await page.route('**/v1/shop.json?*', async (route) => {
    const response = await route.fetch({ url: route.request().url().split('?')[0] });
    const json = await response.json();
    await route.fulfill({ response, json: { ...json, source: 'export' } });
  });
  await mountWith({ 'min-stars': '5' });
  await ready(7);
  assert.equal(await note(), 'Showing our reviews with 4 stars or more');
  assert.ok(hints.some((h) => h.startsWith('[stele] <stele-testimonials> min-stars="5": the source shows reviews with 4 stars or more (a static export')), hints.join(' | '));
  await mountWith({ 'min-stars': '9' });
  await ready(8);
  assert.ok(hints.some((h) => h.includes('min-stars="9" must be a whole number from 1 to 5')), hints.join(' | '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('score-only reviews are one slim line, no taller than the skeleton card; a review without a score draws no stars', async () => {
  const { context, page, problems } = await open('themes/product.html', { width: 1280, height: 2400, ready: 3 });
  const json = await (await fetch(shop.url + 'stele/v1/products/2183.json')).json();
  const found = await page.evaluate(() => {
    const root = document.querySelector('.layout stele-reviews').shadowRoot;
    const cards = [...root.querySelectorAll('.stele-list > li > .stele-review')];
    return cards.map((card) => ({ bare: card.classList.contains('stele-review--score-only'), comment: !!card.querySelector('.stele-review__comment'), stars: !!card.querySelector('.stele-stars'), height: card.getBoundingClientRect().height, background: getComputedStyle(card).backgroundColor }));
  });
  const first = json.reviews.items;
  assert.equal(found.length, first.length);
  first.forEach((review, i) => {
    assert.equal(found[i].stars, review.stars != null, `review ${i}: stars ${review.stars}`);
    assert.equal(found[i].bare, !review.comment, `review ${i}`);
  });
  const bare = found.filter((f) => f.bare);
  assert.ok(bare.length > 0, 'the demo product has score-only reviews');
  // The meta line (.85em x 1.5 = 20.4 px), .4em above and below, 1 px borders: 35.2 px.
  for (const card of bare) assert.ok(Math.abs(card.height - 35.2) < 0.5, `score-only card ${card.height} px`);
  for (const card of found.filter((f) => !f.bare)) assert.ok(card.height > 60, `a card with a comment ${card.height} px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('badges: hide-empty takes no space, href makes a link (javascript: refused with a hint); axe', async () => {
  const { context, page, problems } = await open('themes/listing.html', { width: 1280, ready: 6 });
  const hints = [];
  page.on('console', (m) => m.type() === 'warning' && hints.push(m.text()));
  await page.evaluate(() => {
    const add = (product, attributes) => {
      const element = document.createElement('stele-stars');
      element.setAttribute('product', product);
      element.setAttribute('loading', 'eager');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      const line = document.createElement('p');
      line.className = 'badge-line';
      line.append('[', element, ']');
      document.querySelector('main').append(line);
    };
    add('SKU-NEW-1', { 'hide-empty': '' });
    add('2183', { 'hide-empty': '' });
    add('2183', { href: '#reviews' });
    add('2182', { href: 'javascript:alert(1)' });
    add('SKU-NEW-1', {});
  });
  await waitReady(page, 10);
  const found = await page.evaluate(() =>
    [...document.querySelectorAll('.badge-line stele-stars')].map((host) => {
      const r = host.getBoundingClientRect();
      const link = host.shadowRoot.querySelector('a.stele-badge');
      return { width: r.width, height: r.height, display: getComputedStyle(host).display, link: link?.getAttribute('href') ?? null, name: link ? host.shadowRoot.querySelector('.stele-stars').getAttribute('aria-label') : null, drawn: !!host.shadowRoot.querySelector('.stele-badge') };
    }),
  );
  assert.deepEqual([found[0].display, found[0].width, found[0].height, found[0].drawn], ['none', 0, 0, false], 'an empty badge with hide-empty: nothing');
  assert.ok(found[1].drawn && found[1].width > 80, 'hide-empty with reviews: the badge');
  assert.equal(found[2].link, '#reviews');
  assert.match(found[2].name, /^Rated \d\.\d out of 5, \d+ reviews$/, 'the link is named by its stars');
  assert.equal(found[3].link, null, 'javascript: is no link');
  assert.ok(found[3].drawn);
  assert.ok(hints.some((h) => h === '[stele] <stele-stars> href="javascript:alert(1)" is a javascript: link; a badge links only to http(s), a relative URL or a #fragment, e.g. href="#reviews"; no link'), hints.join(' | '));
  assert.ok(found[4].drawn, 'without hide-empty an empty product draws "No rating yet"');
  // The link goes where it says.
  await page.evaluate(() => { const target = document.createElement('div'); target.id = 'reviews'; target.style.marginTop = '2000px'; target.textContent = 'reviews'; document.body.append(target); });
  await page.locator('.badge-line stele-stars a.stele-badge').click();
  await page.waitForFunction(() => location.hash === '#reviews');
  await axe(page, 'stele-stars', 'badges with hide-empty and href');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the skeleton reads --stele-card-padding and --stele-card-border-width: restyled cards keep its height', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  const { page, problems } = await watchedPage(context);
  const css = 'stele-testimonials, stele-reviews { --stele-card-padding: 2em 1.5em; --stele-card-border-width: 3px; }';
  await page.route('**/v1/shop.json*', () => {}); // the data never comes: the loader's skeleton stays
  await page.goto(shop.url + 'themes/home.html');
  await page.addStyleTag({ content: css });
  await page.waitForFunction(() => document.getElementById('dark').shadowRoot?.querySelector('.stele-sk__quote'));
  const skeleton = await page.evaluate(() => document.getElementById('dark').shadowRoot.querySelector('.stele-sk__quote').getBoundingClientRect().height);
  // The meta line, .5em and one line of comment (3.275em), the padding, the borders.
  assert.ok(Math.abs(skeleton - (3.275 * 16 + 64 + 6)) < 0.5, `skeleton card ${skeleton} px`);
  await page.unroute('**/v1/shop.json*');
  await page.goto(shop.url + 'themes/home.html');
  await page.addStyleTag({ content: css });
  await waitReady(page, 4);
  const cards = await page.evaluate(() => [...document.getElementById('dark').shadowRoot.querySelectorAll('.stele-review')].map((card) => { const s = getComputedStyle(card); return { height: card.getBoundingClientRect().height, padding: s.paddingTop, border: s.borderTopWidth }; }));
  for (const card of cards) {
    assert.deepEqual([card.padding, card.border], ['32px', '3px']);
    assert.ok(card.height >= skeleton - 0.01, `card ${card.height} px, skeleton ${skeleton} px`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
