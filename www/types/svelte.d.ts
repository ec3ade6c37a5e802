// Template types for the Stele elements in Svelte 5 (svelte-check, the Svelte language server):
// once in a project,
//   import type {} from '@stele/widget/svelte';
// or `/// <reference types="@stele/widget/svelte" />`. It augments `svelte/elements`, as the
// Svelte docs say for custom elements. Events: `onstele:ready={handler}` on an element (Svelte 5
// listens for the name after `on`), `on:stele:ready` in Svelte 4 syntax, and both on
// <svelte:window> and <svelte:document>, which the events reach (they bubble and are composed).

import type { HTMLAttributes } from 'svelte/elements';
import type { SteleElementAttributes, SteleElementEvents, SteleEventMap } from '../index.js';

/** A listener attribute per event: `onstele:ready` (Svelte 5) and `on:stele:ready` (Svelte 4). */
export type SteleSvelteEventAttributes<Events, Target extends EventTarget = HTMLElement> = {
  [Name in keyof Events & string as `on${Name}` | `on:${Name}`]?:
    | ((event: Events[Name] & { currentTarget: EventTarget & Target }) => any)
    | null
    | undefined;
};

/** A Stele element's attributes in Svelte: its own, its listeners, Svelte's HTML attributes. */
export type SteleSvelteAttributes<Tag extends keyof SteleElementAttributes> = Omit<
  HTMLAttributes<HTMLElement>,
  keyof SteleElementAttributes[Tag]
> &
  SteleElementAttributes[Tag] &
  SteleSvelteEventAttributes<SteleElementEvents[Tag]>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    /** Summary, histogram and review list of one product. */
    'stele-reviews': SteleSvelteAttributes<'stele-reviews'>;
    /** Compact badge: a product's stars and count. */
    'stele-stars': SteleSvelteAttributes<'stele-stars'>;
    /** Shop-level feedback, as a carousel or a grid. */
    'stele-testimonials': SteleSvelteAttributes<'stele-testimonials'>;
  }
  interface SvelteWindowAttributes extends SteleSvelteEventAttributes<SteleEventMap, Window> {}
  interface SvelteDocumentAttributes extends SteleSvelteEventAttributes<SteleEventMap, Document> {}
}
