// JSX types for the Stele elements in React 19 (@types/react 19): once in a project,
//   import type {} from '@stele/widget/react';
// or `/// <reference types="@stele/widget/react" />`, or "types": ["@stele/widget/react"] in
// tsconfig.json. The attributes are docs/embed.md's, with their names as written in HTML
// (`per-page`, `text-verified-buyer`).
//
// Events: React 19 adds a listener for a custom element's prop `on{event}` holding a function,
// so `'onstele:ready'` listens for `stele:ready`. TypeScript and esbuild (Vite) compile the JSX
// `<stele-reviews onstele:ready={handler} />`; Babel rejects the colon by default, so the form
// that works with every compiler is a spread, <stele-reviews {...{ 'onstele:ready': handler }} />,
// or a listener added in a ref callback (typed too: el.addEventListener('stele:ready', ...)).

import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SteleElementAttributes, SteleElementEvents } from '../index.js';

/** A listener prop per event: `'onstele:ready'` for `stele:ready`, called with the typed CustomEvent. */
export type SteleReactEventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};

/** A Stele element's props in React: the element's attributes, its event props, and React's HTML props. */
export type SteleReactProps<Tag extends keyof SteleElementAttributes> = Omit<
  DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>,
  keyof SteleElementAttributes[Tag]
> &
  SteleElementAttributes[Tag] &
  SteleReactEventProps<SteleElementEvents[Tag]>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** Summary, histogram and review list of one product. */
      'stele-reviews': SteleReactProps<'stele-reviews'>;
      /** Compact badge: a product's stars and count. */
      'stele-stars': SteleReactProps<'stele-stars'>;
      /** Shop-level feedback, as a carousel or a grid. */
      'stele-testimonials': SteleReactProps<'stele-testimonials'>;
    }
  }
}
