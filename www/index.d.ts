// Types for @stele/widget. The vocabulary is the one of docs/embed.md: attribute
// `per-page` is the option `perPage`.

/** Which element: <stele-reviews>, <stele-stars> or <stele-testimonials>. */
export type SteleKind = 'reviews' | 'stars' | 'testimonials';
export type SteleSort = 'newest' | 'oldest' | 'highest' | 'lowest';
export type SteleLang = 'en' | 'ro' | 'hu' | 'bg' | 'de' | 'fr' | 'es' | 'it' | 'pl';

export interface SteleOptions {
  /** Needed when the element is not one of the three Stele elements. */
  kind?: SteleKind;
  /** The shop's product id (reviews, stars); a number is taken as its text. */
  product?: string | number;
  /** Relay or static-export base URL; default: the directory stele.js was loaded from. */
  src?: string;
  /** UI language; default: the element's lang, else <html lang>, else en. */
  lang?: SteleLang | string;
  /** Colours: light (default), dark, or auto (follows prefers-color-scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** Reviews per page, 1–100 (default 10), or its text. */
  perPage?: number | string;
  sort?: SteleSort;
  /** Testimonials layout (default carousel). */
  layout?: 'carousel' | 'grid';
  /** Carousel seconds per slide, or its text; 0 (default) never moves by itself. */
  autoplay?: number | string;
  /**
   * UI string overrides by key (kebab-case or camelCase), e.g. { 'verified-buyer': 'Client verificat' };
   * keys and placeholders: docs/embed.md, "UI strings". The counted keys `review-count` ({n}),
   * `rating-label` ({rating}, {n}), `stars-row` ({stars}), `histogram-row` ({row}, {n}),
   * `disclosure-min-stars` ({stars}) and `rating-caption` ({rating}, {n}) take one
   * form or four, "one|few|many|other".
   */
  strings?: Record<string, string>;
}

export interface SteleReadyDetail { kind: SteleKind; product: string | null }
export interface SteleFilterDetail { stars: number | null; withComment: boolean; query: string }
export interface SteleSortDetail { sort: SteleSort }
export interface SteleMoreDetail { page: number }

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

declare global {
  interface HTMLElementTagNameMap {
    'stele-reviews': HTMLElement;
    'stele-stars': HTMLElement;
    'stele-testimonials': HTMLElement;
  }
  interface HTMLElementEventMap {
    'stele:ready': CustomEvent<SteleReadyDetail>;
    'stele:filter': CustomEvent<SteleFilterDetail>;
    'stele:sort': CustomEvent<SteleSortDetail>;
    'stele:more': CustomEvent<SteleMoreDetail>;
  }
  interface Window {
    Stele: { mount: typeof mount; destroy: typeof destroy; defineElements: typeof defineElements };
  }
}
