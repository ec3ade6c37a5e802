// Svelte 5: the three elements in svelte/elements' SvelteHTMLElements (what svelte-check reads
// for `<stele-reviews …>` in markup), and the events on <svelte:window> and <svelte:document>.
// Checked by scripts/check-types.
import type {} from '@stele/widget/svelte';
import type { SvelteDocumentAttributes, SvelteHTMLElements, SvelteWindowAttributes } from 'svelte/elements';
import type { SteleReadyDetail } from '@stele/widget';

type Attributes<Tag extends keyof SvelteHTMLElements> = SvelteHTMLElements[Tag];

// Every attribute of each element, and the listeners: `onstele:ready={…}`, `on:stele:ready={…}`.
const reviews: Attributes<'stele-reviews'> = {
  product: '2183', src: '/stele/', lang: 'ro', theme: 'dark', loading: 'eager', 'per-page': 20, sort: 'highest',
  'text-verified-buyer': 'Client verificat', 'text-histogram-row': '{row}, {n} opinie|{row}, {n} opinii|{row}, {n} de opinii|{row}, {n} de opinii',
  'unsafe-direct': true, 'rest-key': 'k', 'customer-id': 'c', upstream: 'http://localhost:8787/',
  class: 'reviews', id: 'reviews',
  'onstele:ready': (event) => {
    const detail: SteleReadyDetail = event.detail;
    const element: HTMLElement = event.currentTarget;
    void [detail, element];
  },
  'onstele:filter': (event) => void event.detail.withComment,
  'onstele:sort': (event) => void event.detail.sort,
  'onstele:more': (event) => void event.detail.page,
  'on:stele:ready': (event) => void event.detail.kind,
  onclick: (event) => void event.clientX,
};
const stars: Attributes<'stele-stars'> = { product: 2183, theme: 'auto', loading: 'lazy', 'text-no-rating': '—', 'onstele:ready': (event) => void event.detail.product };
const testimonials: Attributes<'stele-testimonials'> = {
  layout: 'carousel', autoplay: 6, 'per-page': '10', 'text-pause': 'Pauză', 'text-play': 'Redă',
  'onstele:ready': (event) => void event.detail.kind,
  'onstele:more': (event) => void event.detail.page,
  'on:stele:more': (event) => void event.detail.page,
};
void [reviews, stars, testimonials];

// <svelte:window onstele:more={…}> and <svelte:document onstele:filter={…}>: the events bubble there.
const onWindow: SvelteWindowAttributes = {
  'onstele:more': (event) => {
    const page: number = event.detail.page;
    const target: Window = event.currentTarget;
    void [page, target];
  },
  'onstele:ready': (event) => void event.detail.kind,
};
const onDocument: SvelteDocumentAttributes = {
  'onstele:filter': (event) => void event.detail.query,
  'on:stele:sort': (event) => void event.detail.sort,
};
void [onWindow, onDocument];

// ---- What the types reject. Each line below must be an error, or the check fails.

// @ts-expect-error theme is light, dark or auto
const blue: Attributes<'stele-reviews'> = { theme: 'blue' };
// @ts-expect-error a misspelled attribute
const misspelled: Attributes<'stele-stars'> = { prodct: '1' };
// @ts-expect-error autoplay is for testimonials
const reviewsAutoplay: Attributes<'stele-reviews'> = { autoplay: 5 };
// @ts-expect-error per-page is a number or its text
const perPage: Attributes<'stele-testimonials'> = { 'per-page': 'ten' };
// @ts-expect-error unsafe-direct is present or absent: Svelte would write "false", still on
const directOff: Attributes<'stele-reviews'> = { 'unsafe-direct': false };
// @ts-expect-error the sort detail has sort, not order
const wrongDetail: Attributes<'stele-reviews'> = { 'onstele:sort': (event) => void event.detail.order };
// @ts-expect-error testimonials dispatch no stele:filter
const testimonialsFilter: Attributes<'stele-testimonials'> = { 'onstele:filter': () => {} };
// @ts-expect-error the more detail's page is a number
const windowPage: SvelteWindowAttributes = { 'onstele:more': (event) => void (event.detail.page satisfies string) };
void [blue, misspelled, reviewsAutoplay, perPage, directOff, wrongDetail, testimonialsFilter, windowPage];
