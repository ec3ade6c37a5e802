// The embed contract in Firefox and WebKit (engines.mjs), against `stele-relay demo`: the same
// checks in each engine, and screenshots of each, named <engine>-<page>-<width>.png in SHOTS.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SHOTS, startRelay, startShop } from './harness.mjs';
import { ENGINES } from './engines.mjs';

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";
const WATCH = '<script src="/engines/watch.js"></script>';
let relay, shop, strictShop, scriptless;
const answers = []; // [path, status] of everything the shops answered
const pages = []; // open pages, closed after each test whatever happened

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  relay = await startRelay({ port: 18861 });
  const onAnswer = (path, status) => answers.push([path, status]);
  shop = await startShop({ port: 18862, relay, inject: WATCH, onAnswer });
  strictShop = await startShop({ port: 18863, relay, inject: WATCH, onAnswer, headers: { 'content-security-policy': STRICT } });
  // The same pages with every script blocked: what the server-rendered fragment alone looks like.
  scriptless = await startShop({ port: 18864, relay, headers: { 'content-security-policy': "script-src 'none'" } });
});

after(() => {
  for (const server of [shop, strictShop, scriptless, relay]) server?.stop();
});

/** Opens `path` in a fresh page and waits for `ready` stele:ready events. */
async function open(engine, url, { ready = 0, width = 1280, height = 800 } = {}) {
  answers.length = 0;
  const page = await engine.newPage({ width, height });
  pages.push(page);
  await page.goto(url);
  await page.waitFor(() => !!window.__watch, null, { what: 'the watch script' });
  if (ready) await waitReady(page, ready);
  return page;
}

const waitReady = (page, n) => page.waitFor((count) => window.__watch.ready.length >= count, n, { what: `${n} stele:ready` });

/** Errors, warnings, CSP violations and failed requests seen so far. */
async function clean(page, label) {
  const watch = await page.evaluate(() => window.__watch);
  const failed = answers.filter(([, status]) => status >= 400).map(([path, status]) => `HTTP ${status} ${path}`);
  assert.deepEqual([...watch.problems, ...page.problems(), ...failed], [], `${page.engine} ${label}: errors`);
  assert.deepEqual(watch.hints, [], `${page.engine} ${label}: console warnings`);
  assert.deepEqual(watch.violations, [], `${page.engine} ${label}: CSP violations`);
}

const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.textContent ?? '', selector);

/** Scrolls the element at `inner` inside `host`'s shadow root into view; its centre. */
const centre = (page, host, inner) =>
  page.evaluate(
    ([h, i]) => {
      const el = document.querySelector(h).shadowRoot.querySelector(i);
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    [host, inner],
  );

/** Waits until the review list is not loading and has its Show more button. */
const settled = (page) =>
  page.waitFor(
    () => {
      const root = document.querySelector('stele-reviews').shadowRoot;
      return root.querySelector('.stele-list')?.getAttribute('aria-busy') === 'false' && !!root.querySelector('.stele-more');
    },
    null,
    { what: 'the review list settled' },
  );

const focus = (page, host, inner) => page.evaluate(([h, i]) => document.querySelector(h).shadowRoot.querySelector(i).focus(), [host, inner]);

/** Screenshots at 1280 and 390 px wide; then dark, when `dark` (theme="dark" on every element). */
async function shots(page, name, { dark = false } = {}) {
  for (const width of [1280, 390]) {
    await page.viewport(width, 800);
    await page.screenshot(join(SHOTS, `${page.engine}-${name}-${width}.png`));
  }
  if (dark) {
    await page.evaluate(() => {
      for (const element of document.querySelectorAll('stele-reviews, stele-stars, stele-testimonials')) element.setAttribute('theme', 'dark');
      document.body.style.background = '#121212';
      document.body.style.color = '#e6e6e6';
    });
    await page.waitFor(() => [...document.querySelectorAll('stele-reviews, stele-stars, stele-testimonials')].every((el) => el.shadowRoot.querySelector('.stele-root')?.dataset.theme === 'dark'), null, { what: 'every element dark' });
    for (const width of [1280, 390]) {
      await page.viewport(width, 800);
      await page.screenshot(join(SHOTS, `${page.engine}-${name}-dark-${width}.png`));
    }
  }
  await page.viewport(1280, 800);
}

/** What the product page's reviews show, read from the shadow roots. */
const reviewsLooks = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('stele-reviews').shadowRoot;
    const filled = root.querySelector('.stele-summary .stele-stars__filled');
    return {
      average: root.querySelector('.stele-summary__average').textContent,
      count: root.querySelector('.stele-summary__count').textContent,
      label: root.querySelector('.stele-summary [role=img]').getAttribute('aria-label'),
      badge: document.querySelector('stele-stars').shadowRoot.querySelector('[role=img]').getAttribute('aria-label'),
      dates: [...root.querySelectorAll('.stele-review__date')].map((t) => [t.textContent, t.title]),
      verified: root.querySelector('.stele-review__verified').textContent,
      reviews: root.querySelectorAll('.stele-review').length,
      more: root.querySelector('.stele-more')?.textContent,
      sort: [...root.querySelectorAll('select option')].map((o) => o.textContent),
      // The widget's stylesheet applies inside the shadow root (adoptedStyleSheets or <style>).
      summaryDisplay: getComputedStyle(root.querySelector('.stele-summary')).display,
      starFill: getComputedStyle(filled).fill,
      styled: root.querySelectorAll('[style]').length,
    };
  });

const current = (page) =>
  page.evaluate(() => [...document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide')].findIndex((s) => s.classList.contains('is-current')));

// STELE_ENGINES=webkit runs one engine.
const names = process.env.STELE_ENGINES ? process.env.STELE_ENGINES.split(',') : Object.keys(ENGINES);
for (const name of names) {
  describe(name, () => {
    let engine;
    before(async () => {
      engine = await ENGINES[name]();
    });
    afterEach(async () => {
      while (pages.length) await pages.pop().close().catch(() => {});
    });
    after(async () => {
      await engine?.close();
    });

    test(`${name}: product page in English: reviews and stars render with the widget's styles`, async () => {
      const page = await open(engine, shop.url + 'kinds/product.html', { ready: 4 });
      const looks = await reviewsLooks(page);
      assert.match(looks.average, /^\d\.\d$/);
      assert.match(looks.count, /^\d+ reviews$/);
      assert.match(looks.label, /^Rated \d\.\d out of 5, \d+ reviews$/);
      assert.equal(looks.badge, looks.label, 'the badge and the summary agree');
      assert.equal(looks.verified, '✓ Verified buyer');
      assert.equal(looks.reviews, 10);
      assert.equal(looks.more, 'Show more reviews');
      assert.deepEqual(looks.sort, ['Newest', 'Oldest', 'Highest rated', 'Lowest rated']);
      for (const [relative, date] of looks.dates) {
        assert.match(relative, /^(today|yesterday|\d+ days ago|last week|\d+ weeks ago|last month|\d+ months ago|last year|\d+ years ago)$/, 'Intl.RelativeTimeFormat');
        assert.match(date, /^[A-Z][a-z]+ \d{1,2}, \d{4}$/, 'Intl.DateTimeFormat');
      }
      assert.equal(looks.summaryDisplay, 'flex', 'the stylesheet reached the shadow root');
      assert.equal(looks.starFill, 'rgb(245, 166, 35)');
      assert.equal(looks.styled, 0, 'no style attributes');
      await clean(page, 'product page');
      await shots(page, 'product-en', { dark: true });
      // Controls the engine draws itself (WebKit's <select>) are dark too, not light boxes
      // under light text.
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('stele-reviews').shadowRoot.querySelector('select')).colorScheme), 'dark');
    });

    test(`${name}: product page in Romanian: words, numbers and dates of the language`, async () => {
      const page = await open(engine, shop.url + 'engines/product-ro.html', { ready: 4 });
      const looks = await reviewsLooks(page);
      assert.match(looks.average, /^\d,\d$/);
      assert.match(looks.count, /^\d+ de recenzii$/);
      assert.match(looks.label, /^Evaluat cu \d,\d din 5, \d+ de recenzii$/);
      assert.equal(looks.badge, looks.label);
      assert.equal(looks.verified, '✓ Cumpărător verificat');
      assert.deepEqual(looks.sort.length, 4);
      for (const [relative, date] of looks.dates) {
        assert.match(relative, /^(azi|astăzi|ieri|alaltăieri|acum \d+ (zile|de zile)|săptămâna trecută|acum \d+ (săptămâni|de săptămâni)|luna trecută|acum \d+ (luni|de luni)|anul trecut|acum \d+ (ani|de ani))$/, `Intl.RelativeTimeFormat: ${relative}`);
        assert.match(date, /^\d{1,2} [a-z]+ \d{4}$/, `Intl.DateTimeFormat: ${date}`);
      }
      await clean(page, 'Romanian product page');
      await shots(page, 'product-ro');
    });

    test(`${name}: a listing: four badges from one summaries request and the badge module only`, async () => {
      const page = await open(engine, shop.url + 'listing.html', { ready: 4 });
      const labels = await page.evaluate(() => [...document.querySelectorAll('stele-stars')].map((el) => el.shadowRoot.querySelector('[role=img]').getAttribute('aria-label')));
      assert.ok(labels.slice(0, 3).every((label) => /^Rated \d\.\d out of 5, \d+ reviews?$/.test(label)), labels.join(' | '));
      assert.equal(labels[3], 'No rating yet');
      assert.equal(answers.filter(([path]) => path.startsWith('/stele/v1/summaries')).length, 1, 'one summaries request');
      const wasm = answers.filter(([path]) => path.endsWith('.wasm')).map(([path]) => path.split('/').pop());
      assert.equal(wasm.length, 1, `${wasm}`);
      assert.match(wasm[0], /^stele-badges-[0-9a-f]+\.wasm$/);
      await clean(page, 'listing');
      await shots(page, 'listing');
    });

    test(`${name}: testimonials: a carousel, moved by keyboard and by mouse`, async () => {
      const page = await open(engine, shop.url + 'kinds/home.html', { ready: 4 });
      assert.equal(await page.evaluate(() => document.querySelector('stele-testimonials').shadowRoot.querySelector('section').getAttribute('aria-label')), 'What our customers say');
      assert.ok((await page.evaluate(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide').length)) > 1);
      assert.equal(await current(page), 0);
      const labels = await page.evaluate(() => [...document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__controls button')].map((b) => b.getAttribute('aria-label')));
      assert.deepEqual(labels, ['Previous', 'Next']);
      await focus(page, 'stele-testimonials', '.stele-carousel__controls button:last-of-type');
      await page.press('Enter');
      await page.waitFor(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide')[1].classList.contains('is-current'), null, { what: 'Enter on Next' });
      await page.press(' ');
      await page.waitFor(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide')[2]?.classList.contains('is-current'), null, { what: 'Space on Next' });
      const previous = await centre(page, 'stele-testimonials', '.stele-carousel__controls button:first-of-type');
      await page.click(previous.x, previous.y);
      await page.waitFor(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide')[1].classList.contains('is-current'), null, { what: 'a click on Previous' });
      const viewport = await centre(page, 'stele-testimonials', '.stele-carousel__viewport');
      const half = await page.evaluate(() => document.querySelector('stele-testimonials').shadowRoot.querySelector('.stele-carousel__viewport').getBoundingClientRect().width / 2);
      await page.drag({ x: viewport.x + half * 0.6, y: viewport.y }, { x: viewport.x - half * 0.6, y: viewport.y });
      await page.waitFor(() => document.querySelector('stele-testimonials').shadowRoot.querySelectorAll('.stele-carousel__slide')[2].classList.contains('is-current'), null, { what: 'a swipe towards the start' });
      // The current slide fades in (0.3 s): it ends fully shown, and the screenshots show it so.
      await page.waitFor(() => getComputedStyle(document.querySelector('stele-testimonials').shadowRoot.querySelector('.stele-carousel__slide.is-current')).opacity === '1', null, { what: 'the current slide fully shown' });
      await clean(page, 'home page');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shots(page, 'home', { dark: true });
    });

    test(`${name}: strict CSP: everything renders, no violation, no style attribute`, async () => {
      const page = await open(engine, strictShop.url + 'strict.html', { ready: 3 });
      assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
      assert.match(await shadowText(page, 'stele-testimonials'), /Verified buyer/);
      const styled = await page.evaluate(() => [...document.querySelectorAll('stele-reviews, stele-stars, stele-testimonials')].flatMap((el) => [...el.shadowRoot.querySelectorAll('[style]')]).length);
      assert.equal(styled, 0);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-summary')).display), 'flex', 'styles apply under style-src self');
      await clean(page, 'strict CSP');
      await shots(page, 'strict');
    });

    test(`${name}: elements added later upgrade, re-render on change, and unmount on removal`, async () => {
      const page = await open(engine, shop.url + 'late.html');
      await page.waitFor(() => !!(window.Stele && window.addProduct), null, { what: 'the loader and late.js' });
      await page.evaluate(() => void window.addProduct('2183'));
      await waitReady(page, 1);
      assert.match(await shadowText(page, 'stele-reviews'), /231 reviews/);
      await page.evaluate(() => document.querySelector('stele-reviews').setAttribute('product', 'SKU-NEW-1'));
      await waitReady(page, 2);
      assert.match(await shadowText(page, 'stele-reviews'), /No reviews yet/);
      const unmounted = await page.evaluate(() => {
        const element = document.querySelector('stele-reviews');
        element.remove();
        return element.shadowRoot.querySelector('.stele-reviews') === null;
      });
      assert.ok(unmounted, 'unmounted on removal');
      await clean(page, 'late insert');
    });

    test(`${name}: lazy below the fold: nothing fetched until the shopper scrolls near it`, async () => {
      const page = await open(engine, shop.url + 'engines/below.html', { width: 1280, height: 800 });
      await page.waitFor(() => document.readyState === 'complete' && !!customElements.get('stele-reviews'), null, { what: 'the loader' });
      await page.evaluate(painted);
      assert.equal(await page.evaluate(() => window.__watch.ready.length), 0);
      assert.deepEqual(answers.filter(([path]) => path.endsWith('.wasm') || path.includes('/v1/')), [], 'no module or data before the element comes near');
      assert.ok(await page.evaluate(() => !!document.querySelector('stele-reviews').shadowRoot?.querySelector('.stele-sk, [class^="stele-sk"]')), 'the skeleton is drawn at once');
      await page.evaluate(() => window.scrollTo(0, document.querySelector('stele-reviews').offsetTop - 200));
      await waitReady(page, 1);
      assert.match(await shadowText(page, 'stele-reviews'), /Verified buyer/);
      await clean(page, 'lazy below the fold');
    });

    test(`${name}: the server-rendered fragment is taken over in place`, async () => {
      const below = () => document.querySelector('.after').getBoundingClientRect().top + scrollY;
      const fragmentOnly = await engine.newPage({ width: 1280, height: 800 });
      pages.push(fragmentOnly);
      await fragmentOnly.goto(scriptless.url + 'takeover.html');
      await fragmentOnly.waitFor(() => document.readyState === 'complete', null, { what: 'the page loaded' });
      assert.equal(await fragmentOnly.evaluate(() => !!customElements.get('stele-reviews')), false, 'no script ran');
      const before = await fragmentOnly.evaluate(below);
      await fragmentOnly.close();
      const page = await open(engine, shop.url + 'takeover.html', { ready: 2 });
      const state = await page.evaluate(() => ({
        took: !!document.querySelector('stele-reviews').shadowRoot?.querySelector('.stele-reviews'),
        text: document.querySelector('stele-reviews').shadowRoot.textContent,
      }));
      assert.ok(state.took, 'the widget took over');
      assert.match(state.text, /Cumpărător verificat/);
      assert.equal(await page.evaluate(below), before, 'what follows the widget is where the fragment put it');
      await clean(page, 'takeover');
      await shots(page, 'takeover');
    });

    test(`${name}: HTML first: badge fragments fetch no module; a product page's fragment is fetched when idle and taken over by the click, which takes effect`, async () => {
      const listing = await open(engine, shop.url + 'html-first/listing.html');
      await listing.waitFor(() => document.readyState === 'complete' && !!customElements.get('stele-stars'), null, { what: 'the loader' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(answers.filter(([path]) => /\.wasm$|stele-[\w-]+\.js$/.test(path)), [], 'a listing of badge fragments fetches no module');
      assert.match(await listing.evaluate(() => document.querySelector('stele-stars').shadowRoot.querySelector('[role=img]').getAttribute('aria-label')), /^Evaluat cu \d,\d din 5/);
      await clean(listing, 'html-first listing');
      // The product page: the module comes in the idle time after load (a timeout where the
      // engine has no requestIdleCallback), the fragment stays until the click.
      const page = await open(engine, shop.url + 'html-first/product.html');
      await page.waitFor(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')), null, { what: 'the module fetched when idle' });
      assert.ok(await page.evaluate(() => !!document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-ssr')), 'the fragment stays until the shopper acts');
      const row = await page.evaluate(() => {
        const el = document.querySelector('stele-reviews').shadowRoot.querySelectorAll('button[part="histogram-row"]')[1];
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      await page.click(row.x, row.y);
      await page.waitFor(() => {
        const root = document.querySelector('stele-reviews').shadowRoot;
        const items = [...root.querySelectorAll('.stele-review [part=stars]')];
        return !root.querySelector('.stele-ssr') && root.querySelectorAll('button[part="histogram-row"]')[1]?.getAttribute('aria-pressed') === 'true'
          && items.length > 0 && items.every((s) => s.getAttribute('aria-label').startsWith('Evaluat cu 4,0'));
      }, null, { what: 'the 4-star row pressed and the list filtered' });
      await clean(page, 'html-first product');
    });

    test(`${name}: sort, filter and load more, by mouse and keyboard`, async () => {
      const page = await open(engine, shop.url + 'kinds/product.html', { ready: 4 });
      await page.evaluate(() => {
        window.__events = [];
        for (const type of ['stele:sort', 'stele:filter', 'stele:more']) document.addEventListener(type, (e) => window.__events.push([type, e.detail]));
      });
      const stars = () => page.evaluate(() => [...document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review .stele-stars')].map((s) => s.getAttribute('aria-label')));
      // Load more, by mouse.
      const more = await centre(page, 'stele-reviews', '.stele-more');
      await page.click(more.x, more.y);
      await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review').length === 20, null, { what: '20 reviews after Show more' });
      // Sort, by keyboard: the select has focus, each arrow down picks the next order (once
      // the list has settled: a key pressed while the last order loads may be dropped).
      for (const [n, sort] of [[1, 'oldest'], [2, 'highest'], [3, 'lowest']]) {
        await settled(page);
        await focus(page, 'stele-reviews', 'select');
        await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.activeElement?.localName === 'select', null, { what: 'the select focused' });
        await page.press('ArrowDown');
        await page.waitFor((count) => window.__events.filter(([type]) => type === 'stele:sort').length === count, n, { what: `stele:sort ${sort}` });
        assert.deepEqual(await page.evaluate(() => window.__events.at(-1)), ['stele:sort', { sort }]);
      }
      await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review').length === 10, null, { what: 'the first page, lowest first' });
      const ratings = (await stars()).map((label) => Number(/Rated (\d\.\d)/.exec(label)[1]));
      assert.deepEqual(ratings, [...ratings].sort(), `lowest first: ${ratings}`);
      // Filter, by mouse: the 5-star histogram row.
      const five = await centre(page, 'stele-reviews', '.stele-histogram__row');
      await page.click(five.x, five.y);
      await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.querySelector('.stele-histogram__row').getAttribute('aria-pressed') === 'true', null, { what: 'the row pressed' });
      await page.waitFor(
        () => {
          const labels = [...document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review .stele-stars')].map((s) => s.getAttribute('aria-label'));
          // The 5-star row counts the ratings that round to 5 (4.5 and up).
          return labels.length > 0 && labels.every((l) => Number(/Rated (\d\.\d)/.exec(l)[1]) >= 4.5);
        },
        null,
        { what: 'only five-star reviews' },
      );
      // Load more again, by keyboard, once the filtered list has settled.
      await settled(page);
      await focus(page, 'stele-reviews', '.stele-more');
      await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.activeElement?.classList.contains('stele-more'), null, { what: 'Show more focused' });
      await page.press('Enter');
      await page.waitFor(() => document.querySelector('stele-reviews').shadowRoot.querySelectorAll('.stele-review').length > 10, null, { what: 'more five-star reviews by keyboard' });
      assert.ok((await stars()).every((l) => Number(/Rated (\d\.\d)/.exec(l)[1]) >= 4.5));
      const events = await page.evaluate(() => window.__events.map(([type]) => type));
      assert.deepEqual(events, ['stele:more', 'stele:sort', 'stele:sort', 'stele:sort', 'stele:filter', 'stele:more']);
      await clean(page, 'interactions');
    });
  });
}

function painted() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));
}
