// Types for @stele/widget (and @stele/widget/direct, which exports the same). The vocabulary is
// the one of docs/embed.md: attribute `per-page` is the option `perPage`.
//
// This file imports no framework: the element attribute types below are plain interfaces,
// reused by the framework typings in types/ (`@stele/widget/react`, `/vue`, `/svelte`).

/** Which element: <stele-reviews>, <stele-stars> or <stele-testimonials>. */
export type SteleKind = 'reviews' | 'stars' | 'testimonials';
/** The review list's order: `newest` (default), `oldest`, `highest`, `lowest`. */
export type SteleSort = 'newest' | 'oldest' | 'highest' | 'lowest';
/** The built-in UI languages. */
export type SteleLang = 'en' | 'ro' | 'hu' | 'bg' | 'de' | 'fr' | 'es' | 'it' | 'pl';
/** Colours: `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). */
export type SteleTheme = 'light' | 'dark' | 'auto';
/** The testimonials' layout: `carousel` (default) or `grid`. */
export type SteleLayout = 'carousel' | 'grid';
/** When a bare element loads the widget: `lazy` (default, about a viewport ahead) or `eager`. */
export type SteleLoading = 'lazy' | 'eager';
/** A number, or its text as an attribute carries it (`20` or `"20"`). */
export type SteleNumber = number | `${number}`;

/**
 * The keys of the UI strings a page may override (docs/embed.md, "UI strings"): `text-{key}`
 * attributes, or `strings: { key }` (kebab-case or camelCase). The counted ones
 * (`review-count`, `rating-label`, `stars-row`, `histogram-row`, `disclosure-min-stars`) take
 * one form for every number or four separated by `|`, `one|few|many|other`. (`rating-caption`
 * is drawn by the relay only, in its rating images, so no page can override it.)
 */
export type SteleStringKey =
  | 'rated-out-of-5'
  | 'rating-label'
  | 'no-rating'
  | 'review-count'
  | 'out-of-5'
  | 'verified-buyer'
  | 'sort-by'
  | 'sort-newest'
  | 'sort-oldest'
  | 'sort-highest'
  | 'sort-lowest'
  | 'with-comment'
  | 'search'
  | 'load-more'
  | 'read-more'
  | 'read-less'
  | 'empty'
  | 'empty-filtered'
  | 'show-all'
  | 'stars-row'
  | 'histogram-row'
  | 'showing'
  | 'previous'
  | 'next'
  | 'pause'
  | 'play'
  | 'testimonials-title'
  | 'testimonials-min-stars'
  | 'reviews-title'
  | 'disclosure-title'
  | 'disclosure-collected'
  | 'disclosure-all-shown'
  | 'disclosure-min-stars'
  | 'disclosure-without-comment'
  | 'disclosure-hidden';

/** A kebab-case key in camelCase, as `strings` also takes it: `rated-out-of-5` → `ratedOutOf5`. */
export type SteleCamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<SteleCamelCase<Tail>>}`
  : S;

/** UI string overrides by key, kebab-case or camelCase: `{ 'verified-buyer': 'Client verificat' }`. */
export type SteleStrings = { [Key in SteleStringKey | SteleCamelCase<SteleStringKey>]?: string };

/** The `text-{key}` attributes: `text-verified-buyer="Client verificat"` overrides one UI string. */
export type SteleTextAttributes = { [Key in SteleStringKey as `text-${Key}`]?: string };

/** The attributes every Stele element takes (docs/embed.md, the attribute table). */
export interface SteleCommonAttributes extends SteleTextAttributes {
  /** Relay base URL (or a static export); default: the directory stele.js came from (script tag only). */
  src?: string;
  /** UI language; default: the element's `lang`, else `<html lang>`, else `en`. */
  lang?: SteleLang | (string & {});
  /** `light` (default), `dark` or `auto`. */
  theme?: SteleTheme;
  /** `lazy` (default) or `eager`; `mount()` always renders at once. */
  loading?: SteleLoading;
}

/** The attributes of `<stele-stars>`, the compact badge: stars and count. */
export interface SteleStarsAttributes extends SteleCommonAttributes {
  /** The shop's product id (the CSV feed's "product id"). */
  product?: string | number;
  /** Present: a product without reviews gets no badge at all (nothing drawn, no space taken). */
  'hide-empty'?: '' | true;
  /** Makes the badge a link, e.g. `#reviews`: http(s), a relative URL or a #fragment only (`javascript:` is refused). */
  href?: string;
}

/**
 * The direct-mode attributes of `<stele-reviews>`: **local testing only, never production**
 * (docs/embed.md, "Direct mode"); they publish the REST key to every visitor. With a bundler
 * they need the `@stele/widget/direct` entry.
 */
export interface SteleDirectAttributes {
  /** Present: the browser calls Retargeting's Feedback API itself (`unsafe-direct` or `unsafe-direct=""`). */
  'unsafe-direct'?: '' | true;
  /** The REST key (published to every visitor: local testing only). */
  'rest-key'?: string;
  /** The Retargeting customer id. */
  'customer-id'?: string;
  /** Another Feedback API endpoint, e.g. a local fake. */
  upstream?: string;
}

/** The attributes of `<stele-reviews>`: summary, histogram, review list. */
export interface SteleReviewsAttributes extends SteleCommonAttributes, SteleDirectAttributes {
  /** The shop's product id (the CSV feed's "product id"). */
  product?: string | number;
  /** Reviews per page, 1–100 (default 10). */
  'per-page'?: SteleNumber;
  /** The first sort: `newest` (default), `oldest`, `highest`, `lowest`. */
  sort?: SteleSort;
}

/** The attributes of `<stele-testimonials>`: shop-level feedback. */
export interface SteleTestimonialsAttributes extends SteleCommonAttributes {
  /** Testimonials per page, 1–100 (default 10). */
  'per-page'?: SteleNumber;
  /** `carousel` (default) or `grid`. */
  layout?: SteleLayout;
  /** Seconds per carousel slide; absent or `0` (default): never moves by itself. */
  autoplay?: SteleNumber;
  /** Only testimonials with at least this many stars, 1–5 (`1`: all); default the relay's, 4 unless set. The element says the threshold applied. */
  'min-stars'?: SteleNumber;
}

/** Each element's attributes, by tag name. */
export interface SteleElementAttributes {
  'stele-reviews': SteleReviewsAttributes;
  'stele-stars': SteleStarsAttributes;
  'stele-testimonials': SteleTestimonialsAttributes;
}

/**
 * The options of `mount(element, options)`: the attributes in camelCase, plus `kind` and
 * `strings`. An option wins over the attribute of the same name, and is remembered for the
 * element. A value the widget does not understand falls back with a `[stele]` console hint.
 */
export interface SteleOptions {
  /** Needed when the element is not one of the three Stele elements. */
  kind?: SteleKind;
  /** The shop's product id (reviews, stars); a number is taken as its text. */
  product?: string | number;
  /** Relay or static-export base URL; required with a bundler (there is no script tag to take it from). */
  src?: string;
  /** UI language; default: the element's lang, else <html lang>, else en. */
  lang?: SteleLang | (string & {});
  /** Colours: light (default), dark, or auto (follows prefers-color-scheme). */
  theme?: SteleTheme;
  /** Reviews or testimonials per page, 1–100 (default 10), or its text. */
  perPage?: SteleNumber;
  /** The review list's first sort (default newest). */
  sort?: SteleSort;
  /** Testimonials layout (default carousel). */
  layout?: SteleLayout;
  /** Carousel seconds per slide, or its text; 0 (default) never moves by itself. */
  autoplay?: SteleNumber;
  /** Testimonials: only those with at least this many stars, 1–5 (1: all), or its text; default the relay's threshold (4 unless set). */
  minStars?: SteleNumber;
  /** Stars: any value but `false` draws nothing for a product without reviews. */
  hideEmpty?: boolean | string;
  /** Stars: makes the badge a link (http(s), relative or #fragment; `javascript:` is refused with a hint). */
  href?: string;
  /**
   * UI string overrides by key (kebab-case or camelCase), e.g. { 'verified-buyer': 'Client verificat' };
   * keys and placeholders: docs/embed.md, "UI strings". The counted keys `review-count` ({n}),
   * `rating-label` ({rating}, {n}), `stars-row` ({stars}), `histogram-row` ({row}, {n}),
   * `disclosure-min-stars` and `testimonials-min-stars` ({stars}) take one form or four, "one|few|many|other".
   */
  strings?: SteleStrings;
  /** Direct mode, **local testing only**: any value but `false` turns it on (reviews; `@stele/widget/direct`). */
  unsafeDirect?: boolean | string;
  /** Direct mode: the REST key (published to every visitor). */
  restKey?: string;
  /** Direct mode: the Retargeting customer id. */
  customerId?: string;
  /** Direct mode: another Feedback API endpoint, e.g. a local fake. */
  upstream?: string;
}

/** `stele:ready`: the first render with data. `product` is null for testimonials. */
export interface SteleReadyDetail {
  /** Which element rendered. */
  kind: SteleKind;
  /** Its product id, or null (testimonials). */
  product: string | null;
}
/** `stele:filter`: the shopper filtered (histogram row, "with comment", search). */
export interface SteleFilterDetail {
  /** The histogram row chosen (1–5), or null for every row. */
  stars: number | null;
  /** Whether only reviews with a comment are listed. */
  withComment: boolean;
  /** The search text ("" for none). */
  query: string;
}
/** `stele:sort`: the shopper changed the sort. */
export interface SteleSortDetail {
  /** The new sort. */
  sort: SteleSort;
}
/** `stele:more`: the shopper loaded more (reviews) or moved to another page (testimonials). */
export interface SteleMoreDetail {
  /** The page now shown, from 1. */
  page: number;
}

/**
 * The events of the Stele elements, by name. Each is a `CustomEvent` dispatched on the element
 * with `bubbles: true, composed: true`, so a listener on `document`, `window` or an enclosing
 * shadow root receives it too (all typed here).
 */
export interface SteleEventMap {
  'stele:ready': CustomEvent<SteleReadyDetail>;
  'stele:filter': CustomEvent<SteleFilterDetail>;
  'stele:sort': CustomEvent<SteleSortDetail>;
  'stele:more': CustomEvent<SteleMoreDetail>;
}

/** The events each element dispatches, by tag name: badges only announce `stele:ready`. */
export interface SteleElementEvents {
  'stele-reviews': SteleEventMap;
  'stele-stars': Pick<SteleEventMap, 'stele:ready'>;
  'stele-testimonials': Pick<SteleEventMap, 'stele:ready' | 'stele:more'>;
}

/**
 * Renders an element (idempotent: calling again re-renders with the new options). The options
 * are remembered for that element: later attribute changes, moves and connecting an element
 * mounted while detached render with them. Bad values fall back with a `[stele]` console hint.
 */
export function mount(element: HTMLElement, options?: SteleOptions): Promise<void>;
/** Unmounts and frees an element (idempotent). */
export function destroy(element: HTMLElement): void;
/** Defines <stele-reviews>, <stele-stars>, <stele-testimonials> (idempotent). */
export function defineElements(): void;
/** For hosts that initialise the wasm bindings themselves (the Trunk demo). */
export function useBindings(bindings: unknown): void;

/** `window.Stele`: what the script-tag build (stele.js) exposes. */
export interface SteleGlobal {
  /** See {@link mount}. */
  mount: typeof mount;
  /** See {@link destroy}. */
  destroy: typeof destroy;
  /** See {@link defineElements}. */
  defineElements: typeof defineElements;
}

declare global {
  interface HTMLElementTagNameMap {
    'stele-reviews': HTMLElement;
    'stele-stars': HTMLElement;
    'stele-testimonials': HTMLElement;
  }
  interface HTMLElementEventMap extends SteleEventMap {}
  interface DocumentEventMap extends SteleEventMap {}
  interface WindowEventMap extends SteleEventMap {}
  interface ShadowRootEventMap extends SteleEventMap {}
  interface Window {
    /** Set by the script-tag build (stele.js) only; with a bundler, import from '@stele/widget'. */
    Stele?: SteleGlobal;
  }
}
