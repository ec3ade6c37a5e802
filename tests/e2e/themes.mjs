// Measurements for themes.test.mjs, run in the page (page.evaluate): boxes, colours and
// contrast of the widget's shadow roots on the theme-like pages of pages/themes/.

/** In the page: the colour `text` as [r, g, b, a] (0–255, alpha 0–1); computed colours come as
 *  rgb()/rgba() or, from color-mix(), as color(srgb r g b / a). */
export function installColourTools() {
  const parse = (text) => {
    let m = text.match(/^rgba?\(([^)]*)\)$/);
    if (m) {
      const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean);
      return [+r, +g, +b, +a];
    }
    m = text.match(/^color\(srgb ([^)]*)\)$/);
    if (m) {
      const [r, g, b, a = '1'] = m[1].split(/[\s/]+/).filter(Boolean);
      return [r * 255, g * 255, b * 255, +a];
    }
    throw new Error(`unknown colour ${text}`);
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  const parentOf = (el) => el.parentElement || el.getRootNode().host || null;
  /** The colour painted behind `el`: its and its ancestors' backgrounds (across shadow
   *  roots), composited over white. */
  const backdrop = (el) => {
    const layers = [];
    for (let node = el; node; node = parentOf(node)) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  /** Contrast of `el`'s text with what is painted behind it. */
  const contrast = (el) => {
    const back = backdrop(el);
    const fore = over(parse(getComputedStyle(el).color), back);
    const [a, b] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  window.__colours = { parse, backdrop, contrast };
}

/** In the page: every product card's badge, its centre's offset from the card's centre. */
export function badgeOffsets() {
  return [...document.querySelectorAll('.card stele-stars')].map((host) => {
    const card = host.closest('.card').getBoundingClientRect();
    // What is drawn, from the first star to the count's last character (the badge's own box
    // may be wider than its content).
    const stars = host.shadowRoot.querySelector('.stele-stars').getBoundingClientRect();
    const count = host.shadowRoot.querySelector('.stele-badge__count').getBoundingClientRect();
    const drawn = { left: Math.min(stars.left, count.left), right: Math.max(stars.right, count.right) };
    const badge = host.shadowRoot.querySelector('.stele-badge').getBoundingClientRect();
    return {
      product: host.getAttribute('product'),
      section: host.closest('ul').id,
      badge: (drawn.left + drawn.right) / 2 - (card.left + card.right) / 2,
      height: badge.height,
      starsWidth: stars.width,
    };
  });
}

/** In the page: boxes of the review section in `selector`'s shadow root, in px. */
export function reviewBoxes(selector) {
  const host = document.querySelector(selector);
  const root = host.shadowRoot;
  const box = (q) => {
    const el = root.querySelector(q);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height };
  };
  const h = host.getBoundingClientRect();
  return {
    host: { left: h.left, right: h.right, width: h.width, height: h.height },
    select: box('select'),
    search: box('input[type=search]'),
    go: box('.stele-search__go'),
    glass: box('.stele-search__go svg'),
    more: box('.stele-more'),
    row: box('.stele-histogram__row'),
    card: box('.stele-review'),
    fontSize: parseFloat(getComputedStyle(host).fontSize),
    contain: getComputedStyle(host).contain,
  };
}
