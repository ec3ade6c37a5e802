// @ts-check
// Stele loader: defines <stele-reviews>, <stele-stars> and <stele-testimonials>, and fetches
// the WebAssembly only when an element comes within about a viewport of being visible, and
// for a server-rendered fragment only when a shopper needs it (HTML first, below).
// Contract: docs/embed.md. Build: scripts/build-widget fills in the hashed file names.
// Types: www/index.d.ts, checked against this file by scripts/check-types (tsc).
//
// One source, three builds (scripts/build-widget sets STELE_ENTRY with esbuild's --define and
// drops the branches the build does not take):
// - "script": dist/stele.js for a <script type="module"> tag. Its own directory is the default
//   src; it defines the elements and window.Stele as it loads.
// - "bundler": dist/index.js, the npm entry. No import.meta.url (webpack and Turbopack resolve
//   new URL("./", import.meta.url) as a module and fail; Vite warns), so src is required; no
//   direct mode, so production bundles never copy its module.
// - "direct": dist/direct.js, the npm entry `@stele/widget/direct`: "bundler" plus direct mode.
// Unbuilt (the Trunk demo) STELE_ENTRY is undefined and this is the script build.
// Every build is a no-op outside a browser: importing it during server rendering (Next, Nuxt,
// Astro, SvelteKit) touches no DOM global, and mount/destroy/defineElements do nothing there.
// STELE_ENTRY is written out at each use, not kept in a constant: esbuild folds a defined
// identifier's comparisons (and drops the dead branch, import.meta.url with it), not a const's.
/** @typedef {import('../index.js').SteleOptions} SteleOptions */
const BROWSER = typeof window !== 'undefined' && typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined';
const HERE = (typeof STELE_ENTRY === 'undefined' || STELE_ENTRY === 'script') && BROWSER ? new URL('./', import.meta.url).href : '';
const TAGS = { 'stele-reviews': 'reviews', 'stele-stars': 'stars', 'stele-testimonials': 'testimonials' };
const ATTRS = ['product', 'src', 'lang', 'theme', 'per-page', 'sort', 'layout', 'autoplay', 'min-stars', 'hide-empty', 'href', 'loading', 'unsafe-direct', 'rest-key', 'customer-id', 'upstream'];
const mounted = new WeakMap();
// Options given to mount(), kept so re-renders (attribute changes, moves) still use them.
const given = new WeakMap();
let observer;

const warn = (message) => console.warn('[stele] ' + message);

// The reserve block of src/stele.css, filled in by scripts/build-widget: the sizes of the
// skeleton a bare element shows until the widget replaces it with the same boxes
// (src/components/skeleton.rs), so the page is laid out at its final height from the start.
const RESERVE = '__RESERVE_CSS__';
let reserveSheet;

/** Draws the skeleton in a bare element's shadow root: the boxes the components draw while
 *  loading (src/components/skeleton.rs), with the same attributes deciding them. */
function skeleton(element) {
  const kind = TAGS[element.localName];
  // A server-rendered fragment is its own reserve; a shadow root is a widget already there.
  // (Unbuilt, in the Trunk demo, RESERVE is no CSS: the boxes are there, without a size.)
  if (!kind || element.shadowRoot || element.firstElementChild) return;
  const option = (name, attribute) => given.get(element)?.[name] ?? element.getAttribute(attribute);
  // The widget's rules (src/options.rs): theme, page size (drawn up to a canonical page), layout.
  const theme = option('theme', 'theme');
  const asked = +(option('perPage', 'per-page') ?? 10);
  const cards = Math.min(Number.isInteger(asked) && asked >= 1 ? asked : 10, 10);
  const carousel = kind === 'testimonials' && option('layout', 'layout') !== 'grid';
  const box = (name) => `<div class="stele-sk${name}"></div>`;
  try {
    if (!reserveSheet) (reserveSheet = new CSSStyleSheet()).replaceSync(RESERVE);
    const shadow = element.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [reserveSheet];
    // Fixed markup: the theme comes from the page only as one of three words.
    // Testimonials: the threshold line, then up to four carousel cards side by side (the
    // container hides those that don't fit) or a page of the grid.
    shadow.innerHTML = `<div class="stele-root" part="root" data-theme="${['dark', 'auto'].includes(theme) ? theme : 'light'}">${kind === 'stars' ? '' :
      `<div class="stele-sk${carousel ? ' stele-sk--carousel' : ''}">${kind === 'reviews' ? box('__head') : box('__note')}<div class="stele-sk__list${carousel ? ' stele-sk__carousel' : kind === 'testimonials' ? ' stele-sk__grid' : ''}">${box(kind === 'reviews' ? '__card' : '__quote').repeat(carousel ? 4 : cards)}</div>${carousel ? box('__nav') : ''}</div>`}</div>`;
  } catch {
    // A browser without constructable stylesheets: no reserve, the widget still renders.
  }
}


// HTML first (docs/embed.md): an element holding a server-rendered fragment (the relay's
// declarative shadow root, src/ssr.rs) already shows everything. With nothing interactive
// in it (a badge, a testimonials grid of one page) it is final: no module is ever fetched.
// Otherwise the module is fetched when the browser is idle after the page's load, or at the
// first interaction with the element (pointer, focus, keyboard) if that comes first, and the
// widget takes over at that interaction, carrying over what the shopper did (takeOver).
const CONTROLS = 'button, select, input, textarea';
// Elements waiting with an interactive fragment: element → the AbortController of its
// listeners and, while a pointer or key is held down in it, the promise of its release.
const armed = new WeakMap();
// Elements whose fragment is final; an attribute change still renders the widget.
const settled = new WeakSet();
// What the shopper did to a waiting fragment, replayed after the takeover.
const pending = new WeakMap();
// The fragment's select the shopper is on, until they change it.
const choosing = new WeakMap();

const fragmentOf = (element) => element.shadowRoot?.querySelector('.stele-ssr') || null;

/** Waits for `element`'s first interaction, then renders the widget over its fragment. */
function arm(element) {
  const controller = new AbortController();
  const waiting = { controller, held: null };
  armed.set(element, waiting);
  const signal = controller.signal;
  const wake = (event) => {
    // A press or key held down: the takeover waits for its release and the click it makes,
    // or the click would land on a button no longer there.
    if (event.type === 'pointerdown' || event.type === 'keydown')
      waiting.held ||= /** @type {Promise<void>} */ (new Promise((resolve) => {
        const released = () => setTimeout(resolve);
        for (const type of ['pointerup', 'pointercancel', 'keyup']) addEventListener(type, released, { capture: true, once: true, signal });
      }));
    // The fragment's form would load the page again with ?q=: the widget searches instead.
    if (event.type === 'submit') {
      event.preventDefault();
      pending.set(element, { submit: all(element.shadowRoot, 'form').indexOf(event.target) });
    }
    // A button (not the form's, whose submit is above) does its job once the widget is in.
    const button = event.type === 'click' ? event.target.closest?.('button') : null;
    if (button && button.type !== 'submit') pending.set(element, { click: all(element.shadowRoot, CONTROLS).indexOf(button) });
    // A select focused and not yet changed may be open: the takeover waits for it (mount).
    if (event.target.localName === 'select' && (event.type === 'focusin' || event.type === 'change')) choosing.set(element, event.type === 'focusin' ? event.target : null);
    if (!mounted.has(element)) mount(element);
  };
  for (const type of ['pointerdown', 'focusin', 'keydown', 'click', 'submit', 'change'])
    element.shadowRoot.addEventListener(type, wake, { capture: true, signal });
}

const loaded = /** @type {Promise<void>} */ (new Promise((resolve) => BROWSER && (document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve(), { once: true }))));
/** Runs `task` when the main thread is idle after the page's load (Safari has no
 *  requestIdleCallback: a timeout after load stands in for it). */
const whenIdle = (task) => loaded.then(() => (window.requestIdleCallback ? requestIdleCallback(task, { timeout: 2000 }) : setTimeout(task, 200)));

const all = (root, selector) => [...root.querySelectorAll(selector)];
// What a control is, to match the fragment's with the widget's (a button's type too).
const kindOf = (control) => control.localName + control.type;

/** The fragment's state the shopper may have changed: each control's kind, value and
 *  check, each disclosure's state, the focused control with its text selection, and the
 *  click or search waiting to be done. */
function fragmentState(element) {
  const root = element.shadowRoot;
  const controls = all(root, CONTROLS);
  const focused = controls[controls.indexOf(root.activeElement)];
  return {
    controls: controls.map((c) => [kindOf(c), c.value, c.checked]),
    open: all(root, 'details').map((d) => d.open),
    focused: controls.indexOf(focused),
    selection: focused?.selectionStart != null ? [focused.selectionStart, focused.selectionEnd] : null,
    then: pending.get(element),
  };
}

/** Carries `state` (from fragmentState) over to the widget just rendered in the same
 *  shadow root: control by control, in document order, as both draw the same controls. */
function takeOver(element, state) {
  const root = element.shadowRoot;
  const controls = all(root, CONTROLS);
  if (controls.map(kindOf).join() !== state.controls.map((c) => c[0]).join())
    return warn(`<${element.localName}>: the fragment's controls differ from the widget's, so what the shopper did before it loaded is lost. Render the fragment with the element's settings (docs/embed.md)`);
  state.controls.forEach(([, value, checked], i) => {
    const control = controls[i];
    if (control.type === 'checkbox') control.checked !== checked && control.click();
    else if (control.localName !== 'button' && control.value !== value) {
      control.value = value;
      control.dispatchEvent(new Event(control.localName === 'select' ? 'change' : 'input', { bubbles: true }));
    }
  });
  all(root, 'details').forEach((details, i) => (details.open = state.open[i]));
  const focused = controls[state.focused];
  focused?.focus({ preventScroll: true });
  if (state.selection) focused.setSelectionRange(...state.selection);
  const { click = -1, submit = -1 } = state.then || {};
  if (click >= 0) controls[click].click();
  else if (submit >= 0) all(root, 'form')[submit]?.requestSubmit();
}

let provide;
const provided = new Promise((resolve) => (provide = resolve));

// A failed download is not remembered, so the next element tries again.
// Each glue fetches its own wasm (build-widget points its default URL at the hashed file).
const start = (glue, forget) =>
  glue.then((module) => module.default().then(() => module)).catch((error) => {
    forget();
    throw error;
  });

// The modules, by what they draw besides badges (literal specifiers, so bundlers follow them).
const MODULES = {
  stars: () => import('./__BADGE_GLUE__'),
  reviews: () => import('./__REVIEWS_GLUE__'),
  testimonials: () => import('./__TESTIMONIALS_GLUE__'),
  all: () => import('./__GLUE__'),
  // Direct mode (local testing only) lives in its own module, so shops never download it,
  // and out of the npm entry, so bundlers never copy it.
  direct: typeof STELE_ENTRY !== 'undefined' && STELE_ENTRY === 'bundler' ? () => Promise.reject(new Error('direct mode is not in this entry: import "@stele/widget/direct" instead of "@stele/widget" (local testing only)')) : () => import('./__DIRECT_GLUE__'),
};
const running = {};

/** The module for `kind`: one already running that draws it (shared code is downloaded
 *  once), else the smallest that draws every kind on the page. */
function load(kind) {
  // An unbuilt loader (the Trunk demo) waits for bindings handed to it by useBindings().
  if ('__GLUE__'.startsWith('__')) return provided;
  for (const name in running) if (name === kind || name === 'direct' || (name === 'all' && kind !== 'direct') || kind === 'stars') return running[name];
  // Elements whose fragment is final need no module.
  const present = (tag) => [...document.querySelectorAll(tag)].some((element) => !settled.has(element));
  const reviews = kind === 'reviews' || present('stele-reviews');
  const testimonials = kind === 'testimonials' || present('stele-testimonials');
  const name = kind === 'direct' ? kind : reviews && testimonials ? 'all' : reviews ? 'reviews' : testimonials ? 'testimonials' : 'stars';
  return (running[name] ||= start(MODULES[name](), () => delete running[name]));
}

/** Hands the loader wasm bindings initialised elsewhere (Trunk's window.wasmBindings).
 *  @param {unknown} bindings */
export function useBindings(bindings) {
  provide(bindings);
}

function optionsOf(element, extra) {
  const options = { strings: {} };
  for (const { name, value } of element.attributes) {
    if (name.startsWith('text-')) options.strings[name.slice(5)] = value;
    else if (ATTRS.includes(name)) options[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
  }
  // perPage and autoplay stay as given (text from attributes): the widget reads them as
  // numbers and says what it used instead of one it cannot use.
  Object.assign(options, extra);
  if (!options.src && !HERE) return warn(`<${element.localName}> needs src, the relay's public URL, e.g. src="https://shop.example/stele/" (with a bundler there is no script tag to take the default from)`);
  try {
    options.src = new URL(options.src || HERE, document.baseURI).href;
  } catch {
    return warn(`<${element.localName}> src="${options.src}" is not a URL: use the relay's address, e.g. src="/stele/"`);
  }
  options.pageLang = document.documentElement.lang || undefined;
  delete options.kind;
  delete options.loading;
  return options;
}

/** Renders `element` (idempotent: a second call re-renders with the new options).
 *  @param {HTMLElement} element
 *  @param {SteleOptions} [options]
 *  @returns {Promise<void>} */
export async function mount(element, options) {
  if (!BROWSER) return;
  if (!(element instanceof Element)) return warn('mount(element, options) needs an element, e.g. document.querySelector("stele-reviews")');
  if (options) given.set(element, options);
  options = given.get(element) || {};
  const kind = options.kind || TAGS[element.localName];
  if (!kind) return warn('mount(element, options) needs a Stele element or options.kind: "reviews", "stars" or "testimonials"');
  destroy(element);
  const token = {};
  mounted.set(element, token);
  let module;
  try {
    // Direct mode by the attribute or the option (docs/embed.md: an option wins over the attribute).
    const direct = options.unsafeDirect === undefined ? element.hasAttribute('unsafe-direct') : options.unsafeDirect !== false && options.unsafeDirect !== 'false';
    module = await load(direct ? 'direct' : kind);
  } catch (error) {
    mounted.delete(element);
    return warn(`could not load the widget${HERE ? ' from ' + HERE : ''}: ${error?.message || error}. ${HERE ? 'Serve stele.js with its files' : "Let the bundler copy @stele/widget's .js and .wasm files"}; allow 'wasm-unsafe-eval' in the page's script-src.`);
  }
  // One widget per task, so several never add up to one long main-thread task; badges are
  // tiny and render together, so they share one summaries request.
  if (kind !== 'stars') await new Promise((resolve) => setTimeout(resolve));
  if (mounted.get(element) !== token) return;
  // Not in the page (yet): connecting it renders it, with these options.
  if (!element.isConnected) return void mounted.delete(element);
  const resolved = optionsOf(element, options);
  if (!resolved) return void mounted.delete(element);
  // A select the shopper has open in the fragment would close under the takeover: wait
  // until they chose (or left it), then carry the choice over.
  const open = choosing.get(element);
  if (armed.has(element) && open && open === element.shadowRoot.activeElement) {
    await new Promise((resolve) => ['change', 'blur'].forEach((type) => open.addEventListener(type, resolve, { once: true })));
    if (mounted.get(element) !== token) return;
  }
  await armed.get(element)?.held;
  if (mounted.get(element) !== token) return;
  const waiting = armed.get(element);
  const state = waiting && fragmentOf(element) ? fragmentState(element) : null;
  waiting?.controller.abort();
  armed.delete(element);
  settled.delete(element);
  pending.delete(element);
  choosing.delete(element);
  try {
    mounted.set(element, module.mount(element, kind, resolved));
    if (state) takeOver(element, state);
  } catch (error) {
    mounted.delete(element);
    warn(`<${element.localName}> failed to render (${error?.message || error}); please report it.`);
  }
}

/** Removes what `mount` rendered and frees it (idempotent).
 *  @param {HTMLElement} element
 *  @returns {void} */
export function destroy(element) {
  if (!BROWSER || !(element instanceof Element)) return;
  const handle = mounted.get(element);
  mounted.delete(element);
  observer?.unobserve(element);
  try {
    handle?.unmount?.();
    handle?.free?.();
  } catch (error) {
    warn(`<${element.localName}> could not be removed cleanly (${error?.message || error}); please report it.`);
  }
}

function visible(entries) {
  for (const { isIntersecting, target } of entries) {
    if (!isIntersecting) continue;
    // Badges are tiny: render all of them together, so they share one summaries request
    // (those with a final fragment are not observed).
    const group = target.localName === 'stele-stars' ? document.querySelectorAll('stele-stars') : [target];
    for (const element of group) {
      if (settled.has(element)) continue;
      observer.unobserve(element);
      // A waiting fragment is already on show: its module is fetched and compiled in an
      // idle moment, and takes over at the first interaction, with nothing left to download.
      if (armed.has(element)) whenIdle(() => armed.has(element) && load(TAGS[element.localName]).catch(() => {}));
      else if (element.isConnected && !mounted.has(element)) mount(element);
    }
  }
}

/** Defines the three elements (idempotent; every build calls it when loaded in a browser;
 *  outside one it does nothing).
 *  @returns {void} */
export function defineElements() {
  if (!BROWSER) return;
  // Declared here, not at the top level: `extends HTMLElement` would throw on a server.
  class SteleElement extends HTMLElement {
    static observedAttributes = ATTRS;
    connectedCallback() {
      if (mounted.has(this) || armed.has(this) || settled.has(this)) return;
      const fragment = fragmentOf(this);
      if (fragment && !fragment.querySelector(CONTROLS)) return void settled.add(this);
      skeleton(this);
      if (fragment) arm(this);
      if (this.getAttribute('loading') === 'eager' || !window.IntersectionObserver) return void mount(this);
      (observer ||= new IntersectionObserver(visible, { rootMargin: '100% 0px' })).observe(this);
    }
    disconnectedCallback() {
      armed.get(this)?.controller.abort();
      armed.delete(this);
      settled.delete(this);
      destroy(this);
    }
    attributeChangedCallback(name, before, after) {
      // Other settings than the fragment's: the widget draws them.
      if (before !== after && (mounted.has(this) || armed.has(this) || settled.has(this))) mount(this);
    }
  }
  for (const tag in TAGS) if (!customElements.get(tag)) customElements.define(tag, class extends SteleElement {});
}

if (BROWSER) {
  if (typeof STELE_ENTRY === 'undefined' || STELE_ENTRY === 'script') window.Stele = { mount, destroy, defineElements };
  defineElements();
}
