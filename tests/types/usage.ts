// The framework-free API of @stele/widget: every option of mount(), every event on an element,
// document, window and a shadow root, the stylesheet import. Checked by scripts/check-types.
import { defineElements, destroy, mount, useBindings } from '@stele/widget';
import * as direct from '@stele/widget/direct';
import type {
  SteleEventMap,
  SteleFilterDetail,
  SteleKind,
  SteleMoreDetail,
  SteleOptions,
  SteleReadyDetail,
  SteleReviewsAttributes,
  SteleSort,
  SteleSortDetail,
  SteleStarsAttributes,
  SteleStrings,
  SteleTestimonialsAttributes,
  SteleTextAttributes,
} from '@stele/widget';
// TypeScript 7 checks side-effect imports: this resolves through the "types" condition.
import '@stele/widget/stele.css';

defineElements();
direct.defineElements();
useBindings({});

const reviews = document.createElement('stele-reviews');
const stars: HTMLElement = document.querySelector('stele-stars')!;
const testimonials = document.createElement('stele-testimonials');

// Every option, once.
const every: Required<SteleOptions> = {
  kind: 'reviews',
  product: '2183',
  src: 'https://shop.example/stele/',
  lang: 'ro',
  theme: 'auto',
  perPage: 20,
  sort: 'highest',
  layout: 'grid',
  autoplay: '5',
  minStars: 4,
  hideEmpty: true,
  href: '#reviews',
  strings: { 'verified-buyer': 'Client verificat', reviewCount: '{n} opinie|{n} opinii|{n} de opinii|{n} de opinii' },
  unsafeDirect: true,
  restKey: 'key',
  customerId: 'customer',
  upstream: 'http://localhost:8787/',
};
const done: Promise<void> = mount(reviews, every);
void done;
mount(stars, { product: 2183, theme: 'dark', lang: 'de-AT' });
mount(testimonials, { layout: 'carousel', autoplay: 0, perPage: '4', strings: { ratedOutOf5: '{rating}/5', 'out-of-5': '/ 5' } });
direct.mount(reviews, { unsafeDirect: '', restKey: 'k', customerId: 'c', product: '1' });
mount(document.createElement('div'), { kind: 'stars', product: '1' });
destroy(reviews);
direct.destroy(reviews);

// Every string key, kebab-case and camelCase.
const strings: Required<SteleStrings> = {} as Required<SteleStrings>;
const keys: string[] = [strings['disclosure-min-stars'], strings.disclosureMinStars, strings.ratedOutOf5, strings.outOf5, strings.testimonialsTitle];
void keys;

// The script tag's global, absent with a bundler.
window.Stele?.mount(reviews, { product: '1' });

// Events: typed detail on the element, the document, the window and a shadow root.
reviews.addEventListener('stele:ready', (event) => {
  const kind: SteleKind = event.detail.kind;
  const product: string | null = event.detail.product;
  void [kind, product];
});
reviews.addEventListener('stele:filter', ({ detail }) => {
  const { stars, withComment, query }: { stars: number | null; withComment: boolean; query: string } = detail;
  void [stars, withComment, query];
});
document.addEventListener('stele:sort', (event) => {
  const sort: SteleSort = event.detail.sort;
  void sort;
});
document.addEventListener('stele:ready', (event) => void (event.target as HTMLElement).localName);
window.addEventListener('stele:more', (event) => {
  const page: number = event.detail.page;
  void page;
});
window.addEventListener('stele:filter', (event: CustomEvent<SteleFilterDetail>) => void event.detail.query);
reviews.attachShadow({ mode: 'open' }).addEventListener('stele:ready', (event) => void event.detail.kind);
const details: [SteleReadyDetail, SteleFilterDetail, SteleSortDetail, SteleMoreDetail] = [
  { kind: 'stars', product: null },
  { stars: 5, withComment: true, query: '' },
  { sort: 'lowest' },
  { page: 2 },
];
void details;
const readyEvent: SteleEventMap['stele:ready'] = new CustomEvent('stele:ready', { detail: { kind: 'testimonials', product: null } });
void readyEvent;

// The attribute interfaces, every attribute once (the framework typings reuse them).
const reviewsAttributes: Required<SteleReviewsAttributes> = {
  product: '2183', src: '/stele/', lang: 'hu', theme: 'light', loading: 'eager', 'per-page': '20', sort: 'oldest',
  'unsafe-direct': '', 'rest-key': 'k', 'customer-id': 'c', upstream: 'http://localhost:8787/',
  ...({} as Required<SteleTextAttributes>),
};
const testimonialsAttributes: SteleTestimonialsAttributes = { layout: 'grid', autoplay: 8, 'per-page': 4, 'min-stars': '5', 'text-next': 'Înainte' };
const starsAttributes: SteleStarsAttributes = { product: 2183, 'hide-empty': '', href: '#reviews' };
void [reviewsAttributes, testimonialsAttributes, starsAttributes];

// ---- What the types reject. Each line below must be an error, or the check fails.

// @ts-expect-error theme is light, dark or auto
mount(reviews, { theme: 'blue' });
// @ts-expect-error a misspelled option
mount(reviews, { perpage: 20 });
// @ts-expect-error min-stars is for testimonials
const starsMinStars: SteleStarsAttributes = { 'min-stars': 4 };
// @ts-expect-error href is for badges
const testimonialsHref: SteleTestimonialsAttributes = { href: '#reviews' };
void [starsMinStars, testimonialsHref];
// @ts-expect-error perPage is a number or its text
mount(reviews, { perPage: 'ten' });
// @ts-expect-error sort is newest, oldest, highest or lowest
mount(reviews, { sort: 'best' });
// @ts-expect-error an unknown UI string key
mount(reviews, { strings: { 'verified-byer': 'x' } });
// @ts-expect-error strings are texts
mount(reviews, { strings: { empty: 0 } });
// @ts-expect-error kind is reviews, stars or testimonials
mount(reviews, { kind: 'badge' });
// @ts-expect-error mount needs an element
mount('stele-reviews');
reviews.addEventListener('stele:ready', (event) => {
  // @ts-expect-error ready's detail has kind and product, no page
  void event.detail.page;
});
document.addEventListener('stele:filter', (event) => {
  // @ts-expect-error withComment is a boolean
  const comment: string = event.detail.withComment;
  void comment;
});
window.addEventListener('stele:sort', (event) => {
  // @ts-expect-error the detail's field is sort, not order
  void event.detail.order;
});
// @ts-expect-error layout is for testimonials
const starsLayout: SteleStarsAttributes = { layout: 'grid' };
// @ts-expect-error unsafe-direct is present or absent: Vue and Svelte would write "false", still on
const directOff: SteleReviewsAttributes = { 'unsafe-direct': false };
void [starsLayout, directOff];
