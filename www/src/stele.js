// Stele loader: defines <stele-reviews>, <stele-stars> and <stele-testimonials>, and fetches
// the WebAssembly only when an element comes within about a viewport of being visible.
// Contract: docs/embed.md. Build: scripts/build-widget fills in the hashed file names.
const HERE = new URL('./', import.meta.url).href;
const TAGS = { 'stele-reviews': 'reviews', 'stele-stars': 'stars', 'stele-testimonials': 'testimonials' };
const ATTRS = ['product', 'src', 'lang', 'theme', 'per-page', 'sort', 'layout', 'autoplay', 'loading', 'unsafe-direct', 'rest-key', 'customer-id', 'upstream'];
const mounted = new WeakMap();
let widget;
let observer;

const warn = (message) => console.warn('[stele] ' + message);

let provide;
const provided = new Promise((resolve) => (provide = resolve));

let badges;
let direct;
const start = (module, wasm) => module.default({ module_or_path: wasm }).then(() => module);

// Literal specifiers, so bundlers can follow them.
function load(kind) {
  // An unbuilt loader (the Trunk demo) waits for bindings handed to it by useBindings().
  if ('__GLUE__'.startsWith('__')) return provided;
  // Direct mode (local testing only) lives in its own module, so shops never download it.
  if (kind === 'direct') return (direct ||= import('./__DIRECT_GLUE__').then((m) => start(m, new URL('./__DIRECT_WASM__', import.meta.url))));
  // A page of nothing but badges (a listing) gets the small badge-only module.
  if (kind === 'stars' && !widget && !document.querySelector('stele-reviews, stele-testimonials'))
    return (badges ||= import('./__BADGE_GLUE__').then((m) => start(m, new URL('./__BADGE_WASM__', import.meta.url))));
  return (widget ||= import('./__GLUE__').then((m) => start(m, new URL('./__WASM__', import.meta.url))));
}

/** Hands the loader wasm bindings initialised elsewhere (Trunk's window.wasmBindings). */
export function useBindings(bindings) {
  provide(bindings);
}

function optionsOf(element, extra) {
  const options = { strings: {} };
  for (const { name, value } of element.attributes) {
    if (name.startsWith('text-')) options.strings[name.slice(5)] = value;
    else if (ATTRS.includes(name)) options[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
  }
  Object.assign(options, extra);
  options.perPage = +options.perPage || undefined;
  options.autoplay = +options.autoplay || 0;
  options.src = new URL(options.src || HERE, document.baseURI).href;
  options.pageLang = document.documentElement.lang || undefined;
  delete options.kind;
  delete options.loading;
  return options;
}

/** Renders `element` (idempotent: a second call re-renders with the new options). */
export async function mount(element, options = {}) {
  const kind = options.kind || TAGS[element?.localName];
  if (!kind) return warn('mount(element, options) needs one of the Stele elements, or options.kind ("reviews", "stars" or "testimonials")');
  destroy(element);
  const token = {};
  mounted.set(element, token);
  let module;
  try {
    module = await load(element.hasAttribute('unsafe-direct') ? 'direct' : kind);
  } catch (error) {
    mounted.delete(element);
    return warn(`could not load the widget from ${HERE}: ${error?.message || error}. Serve stele.js with its files, and allow 'wasm-unsafe-eval' in the page's script-src.`);
  }
  // One widget per task, so several never add up to one long main-thread task; badges are
  // tiny and render together, so they share one summaries request.
  if (kind !== 'stars') await new Promise((resolve) => setTimeout(resolve));
  if (mounted.get(element) !== token || !element.isConnected) return;
  try {
    mounted.set(element, module.mount(element, kind, optionsOf(element, options)));
  } catch (error) {
    mounted.delete(element);
    warn(`<${element.localName}> failed to render (${error?.message || error}); please report it with the page URL.`);
  }
}

/** Removes what `mount` rendered and frees it (idempotent). */
export function destroy(element) {
  const handle = mounted.get(element);
  mounted.delete(element);
  observer?.unobserve(element);
  if (handle?.unmount) {
    handle.unmount();
    handle.free();
  }
}

function visible(entries) {
  for (const { isIntersecting, target } of entries) {
    if (!isIntersecting) continue;
    // Badges are tiny: render all of them together, so they share one summaries request.
    const group = target.localName === 'stele-stars' ? document.querySelectorAll('stele-stars') : [target];
    for (const element of group) {
      observer.unobserve(element);
      if (element.isConnected && !mounted.has(element)) mount(element);
    }
  }
}

class SteleElement extends HTMLElement {
  static observedAttributes = ATTRS;
  connectedCallback() {
    if (mounted.has(this)) return;
    if (this.getAttribute('loading') === 'eager' || !window.IntersectionObserver) return void mount(this);
    (observer ||= new IntersectionObserver(visible, { rootMargin: '100% 0px' })).observe(this);
  }
  disconnectedCallback() {
    destroy(this);
  }
  attributeChangedCallback(name, before, after) {
    if (before !== after && mounted.has(this)) mount(this);
  }
}

/** Defines the three elements (idempotent; stele.js calls it when loaded). */
export function defineElements() {
  for (const tag in TAGS) if (!customElements.get(tag)) customElements.define(tag, class extends SteleElement {});
}

window.Stele = { mount, destroy, defineElements };
defineElements();
