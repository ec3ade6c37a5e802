// Template types for the Stele elements in Vue 3 (vue-tsc, Volar): once in a project,
//   import type {} from '@stele/widget/vue';
// or `/// <reference types="@stele/widget/vue" />`. The pattern is the one the Vue guide gives
// for custom elements not built with Vue ("Web Components", "Non-Vue Web Components and
// TypeScript"): a constructor whose `$props` are the element's attributes and whose `$emit`
// are its events, registered in `GlobalComponents`.
//
// Types are not the runtime: Vue must also be told these are custom elements, or it tries to
// resolve them as components and warns. With @vitejs/plugin-vue:
//   vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('stele-') } } })
// Events: `@stele:ready="..."` in a template, `'onStele:ready'` in a render function's props.

import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { SteleElementAttributes, SteleElementEvents } from '../index.js';

/** A listener prop per event, as Vue names them: `'onStele:ready'` for `stele:ready`. */
export type SteleVueEventProps<Events> = {
  [Name in keyof Events & string as `on${Capitalize<Name>}`]?: (event: Events[Name]) => void;
};

/** A Stele element's props in Vue: its attributes, its listener props, Vue's HTML attributes. */
export type SteleVueProps<Tag extends keyof SteleElementAttributes> = Omit<
  HTMLAttributes,
  keyof SteleElementAttributes[Tag]
> &
  SteleElementAttributes[Tag] &
  SteleVueEventProps<SteleElementEvents[Tag]> &
  PublicProps;

/** A Stele element as Vue's template checker reads a component: `$props` and `$emit`. */
export type SteleVueElement<Tag extends keyof SteleElementAttributes> = new () => HTMLElement & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: SteleVueProps<Tag>;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<{ [Name in keyof SteleElementEvents[Tag]]: (event: SteleElementEvents[Tag][Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    /** Summary, histogram and review list of one product. */
    'stele-reviews': SteleVueElement<'stele-reviews'>;
    /** Compact badge: a product's stars and count. */
    'stele-stars': SteleVueElement<'stele-stars'>;
    /** Shop-level feedback, as a carousel or a grid. */
    'stele-testimonials': SteleVueElement<'stele-testimonials'>;
  }
}
