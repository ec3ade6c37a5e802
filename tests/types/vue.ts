// Vue 3: the three elements in GlobalComponents, as vue-tsc reads them for templates ($props
// for attributes and listener props, $emit for `@stele:…` events), and a render function.
// Checked by scripts/check-types.
import type {} from '@stele/widget/vue';
import { defineComponent, h, type GlobalComponents } from 'vue';
import type { SteleFilterDetail } from '@stele/widget';

/** What a template may put on an element: its $props (vue-tsc reads the instance type's). */
type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]> extends { $props: infer P } ? P : never;
/** The events a template may listen to with `@name`, and their payload (vue-tsc reads $emit). */
type Emit<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]> extends { $emit: infer E } ? E : never;

// Every attribute of each element, and a listener prop per event.
const reviews: Props<'stele-reviews'> = {
  product: '2183', src: '/stele/', lang: 'ro', theme: 'dark', loading: 'eager', 'per-page': 20, sort: 'lowest',
  'text-verified-buyer': 'Client verificat', 'text-sort-by': 'Sortează',
  'unsafe-direct': '', 'rest-key': 'k', 'customer-id': 'c', upstream: 'http://localhost:8787/',
  class: 'reviews', key: 'reviews',
  'onStele:ready': (event) => void event.detail.kind,
  'onStele:filter': (event) => void event.detail.query,
  'onStele:sort': (event) => void event.detail.sort,
  'onStele:more': (event) => void event.detail.page,
};
const stars: Props<'stele-stars'> = { product: 2183, theme: 'auto', 'text-no-rating': '—', 'onStele:ready': (event) => void event.detail.product };
const testimonials: Props<'stele-testimonials'> = {
  layout: 'grid', autoplay: '5', 'per-page': '4', 'text-next': 'Înainte',
  'onStele:more': (event) => void event.detail.page,
};
void [reviews, stars, testimonials];

// `@stele:filter="onFilter"`: $emit takes the event name and its CustomEvent.
const emit = {} as Emit<'stele-reviews'>;
emit('stele:filter', new CustomEvent<SteleFilterDetail>('stele:filter', { detail: { stars: 4, withComment: false, query: 'fast' } }));
emit('stele:ready', new CustomEvent('stele:ready', { detail: { kind: 'reviews', product: '1' } }));
({} as Emit<'stele-testimonials'>)('stele:more', new CustomEvent('stele:more', { detail: { page: 2 } }));

// A render function, with the element's type as the component (vue-tsc does the same with a template).
declare const SteleReviews: GlobalComponents['stele-reviews'];
export const Product = defineComponent({
  props: { id: { type: String, required: true } },
  setup: (props) => () =>
    h('section', [
      h(SteleReviews, { product: props.id, 'per-page': 10, 'onStele:sort': (event) => void event.detail.sort }),
      // At run time a render function names the tag (Vue passes `onStele:sort` as a `stele:sort` listener).
      h('stele-stars', { product: props.id }),
    ]),
});

// ---- What the types reject. Each line below must be an error, or the check fails.

// @ts-expect-error theme is light, dark or auto
const blue: Props<'stele-reviews'> = { theme: 'blue' };
// @ts-expect-error a misspelled attribute
const misspelled: Props<'stele-stars'> = { prodct: '1' };
// @ts-expect-error layout is for testimonials
const starsLayout: Props<'stele-stars'> = { layout: 'grid' };
// @ts-expect-error an unknown UI string
const unknownText: Props<'stele-reviews'> = { 'text-verified-byer': 'x' };
// @ts-expect-error the filter detail has withComment, not comment
const wrongDetail: Props<'stele-reviews'> = { 'onStele:filter': (event) => void event.detail.comment };
// @ts-expect-error badges only announce stele:ready
const starsMore: Props<'stele-stars'> = { 'onStele:more': () => {} };
void [blue, misspelled, starsLayout, unknownText, wrongDetail, starsMore];
// @ts-expect-error stele:sort carries { sort }
emit('stele:sort', new CustomEvent('stele:sort', { detail: { order: 'newest' } }));
// @ts-expect-error not an event of Stele
emit('stele:click', new Event('click'));
// @ts-expect-error sort is newest, oldest, highest or lowest
h(SteleReviews, { sort: 'best' });
