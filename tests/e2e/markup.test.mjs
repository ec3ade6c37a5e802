// Fragments as a crawler reads them: valid HTML (html-validate), and structured data that
// Google's rich-result rules accept (@adobe/structured-data-validator), in each STELE_JSONLD
// mode, with and without review items (STELE_JSONLD_REVIEWS), on the demo shop (which has the
// product feed built in).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HtmlValidate } from 'html-validate';
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import { startRelay } from './harness.mjs';

const relays = {};
// 2183: reviews and on sale; 1003: reviews, out of stock; 1019: no reviews.
const PRODUCTS = ['2183', '1003', '1019'];

before(async () => {
  relays.product = await startRelay({ port: 18851 });
  relays.rating = await startRelay({ port: 18852, env: { STELE_JSONLD: 'rating', STELE_JSONLD_REVIEWS: 'on' } });
  relays.off = await startRelay({ port: 18853, env: { STELE_JSONLD: 'off' } });
  relays.reviews = await startRelay({ port: 18854, env: { STELE_JSONLD_REVIEWS: 'on' } });
});

after(() => Object.values(relays).forEach((relay) => relay.stop()));

async function fragment(relay, id, query = 'lang=ro') {
  const response = await fetch(`${relay.url}v1/products/${id}/embed.html?${query}`);
  assert.equal(response.status, 200);
  return response.text();
}

function jsonLdBlocks(html) {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

/** Errors (not warnings: those list optional fields) of Google's rules for `html`. */
async function structuredDataErrors(html) {
  const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(html);
  const issues = await new Validator().validate(extracted);
  return issues.filter((issue) => issue.severity === 'ERROR').map((issue) => `${issue.rootType}: ${issue.issueMessage}`);
}

test('every fragment is valid HTML: no parse errors, no hydration markers', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  for (const [mode, relay] of Object.entries(relays)) {
    const pages = [
      ...PRODUCTS.map((id) => fragment(relay, id)),
      fragment(relay, '2183', 'lang=en&sort=lowest&per_page=20&theme=dark'),
      fetch(`${relay.url}v1/shop/embed.html?layout=grid`).then((r) => r.text()),
      fetch(`${relay.url}v1/shop/embed.html`).then((r) => r.text()),
      // Badges: one product's, and each of a listing's batch.
      fetch(`${relay.url}v1/products/2183/badge.html?lang=ro`).then((r) => r.text()),
      ...(await fetch(`${relay.url}v1/badges?ids=${PRODUCTS.join(',')}`).then((r) => r.json()).then((body) => Object.values(body.badges))),
    ];
    for (const html of await Promise.all(pages)) {
      assert.ok(!html.includes('<!>'), `${mode}: no <!> markers`);
      const report = await validator.validateString(html, 'fragment.html');
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
      assert.deepEqual(messages, [], `${mode}: ${html.slice(0, 200)}`);
    }
  }
});

test('STELE_JSONLD=product: a complete Product that passes the product-snippet and merchant-listing rules', async () => {
  const dress = await fragment(relays.product, '2183');
  const [ld, ...more] = jsonLdBlocks(dress);
  assert.equal(more.length, 0, 'one block');
  assert.equal(ld['@type'], 'Product');
  assert.equal(ld.name, 'Rochie de vară din in');
  assert.deepEqual(ld.image, ['https://shop.example/img/2183.jpg']);
  assert.equal(ld.sku, '2183');
  assert.match(ld.gtin, /^594000000000\d$/);
  assert.deepEqual(ld.brand, { '@type': 'Brand', name: 'Stele Atelier' });
  assert.equal(ld.offers['@type'], 'Offer');
  assert.equal(ld.offers.price, '39.90', 'the sale price is the price');
  assert.equal(ld.offers.priceSpecification.price, '49.90', 'the price before the sale');
  assert.equal(ld.offers.priceCurrency, 'RON');
  assert.equal(ld.offers.availability, 'https://schema.org/InStock');
  assert.equal(ld.offers.url, 'https://shop.example/p/2183');
  assert.ok(ld.aggregateRating.ratingCount > 0);
  assert.equal(ld.review, undefined, 'aggregate-only by default: no review items, no "Verified buyer" as an author');
  assert.deepEqual(await structuredDataErrors(dress), []);

  const soldOut = await fragment(relays.product, '1003');
  assert.equal(jsonLdBlocks(soldOut)[0].offers.availability, 'https://schema.org/OutOfStock');
  assert.deepEqual(await structuredDataErrors(soldOut), []);
  assert.deepEqual(jsonLdBlocks(await fragment(relays.product, '1019')), [], 'no rating, no markup');

  // The validator is not a rubber stamp: a Product without image or offers fails it.
  const { image, offers, ...bare } = ld;
  const errors = await structuredDataErrors(`<script type="application/ld+json">${JSON.stringify(bare)}</script>`);
  assert.ok(errors.some((e) => /image/.test(e)) && errors.some((e) => /offers/.test(e)), errors.join('\n'));
});

test('STELE_JSONLD_REVIEWS=on adds up to 10 review items, authored by the card\'s label', async () => {
  const dress = await fragment(relays.reviews, '2183');
  const [ld] = jsonLdBlocks(dress);
  assert.equal(ld['@type'], 'Product');
  assert.ok(ld.review.length > 0 && ld.review.length <= 10, `${ld.review.length} reviews`);
  for (const review of ld.review) assert.equal(review.author.name, 'Cumpărător verificat');
  assert.deepEqual(ld.aggregateRating, jsonLdBlocks(await fragment(relays.product, '2183'))[0].aggregateRating);
  assert.deepEqual(await structuredDataErrors(dress), []);
});

test('STELE_JSONLD=rating attaches the rating to the shop\'s own product node: one Product, not two', async () => {
  const html = await fragment(relays.rating, '2183');
  const [ours] = jsonLdBlocks(html);
  assert.equal(ours['@id'], 'https://shop.example/p/2183#product');
  assert.equal(ours['@type'], undefined, 'no second product');
  assert.equal(ours.name, undefined);
  assert.ok(ours.aggregateRating.ratingCount > 0 && ours.review.length > 0);
  // The page as WooCommerce prints it: its own Product with that @id, then the fragment.
  const platform = {
    '@context': 'https://schema.org', '@type': 'Product', '@id': 'https://shop.example/p/2183#product',
    name: 'Rochie de vară din in', image: 'https://shop.example/img/2183.jpg', sku: '2183',
    offers: { '@type': 'Offer', price: '39.90', priceCurrency: 'RON', availability: 'https://schema.org/InStock' },
  };
  const page = `<script type="application/ld+json">${JSON.stringify(platform)}</script>${html}`;
  const nodes = jsonLdBlocks(page);
  assert.equal(nodes.filter((n) => n['@type'] === 'Product').length, 1, 'one Product on the page');
  // JSON-LD gives one node per @id: merged, it is the platform's product with our rating.
  const merged = Object.assign({}, ...nodes.filter((n) => n['@id'] === platform['@id']));
  assert.deepEqual(await structuredDataErrors(`<script type="application/ld+json">${JSON.stringify(merged)}</script>`), []);
  assert.equal(merged.aggregateRating.ratingValue, ours.aggregateRating.ratingValue);
});

test('STELE_JSONLD=off: no markup, the fragment otherwise the same', async () => {
  const html = await fragment(relays.off, '2183');
  assert.deepEqual(jsonLdBlocks(html), []);
  assert.match(html, /stele-summary__average/);
});
