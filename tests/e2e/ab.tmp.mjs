import { launch, startRelay, startShop } from './harness.mjs';
const relay = await startRelay({ port: 18841 });
const shop = await startShop({ port: 18842, relay });
const browser = await launch();
const variants = process.argv.slice(2);
try {
  const data = await (await fetch(relay.url + 'v1/products/2183?per_page=20')).json();
  const fragment = (await (await fetch(relay.url + 'v1/products/2183/embed.html?per_page=20')).text()).replace(/^<link[^>]*>/, '');
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < 6; round++) for (const v of variants) {
    const page = await browser.newPage();
    await page.goto(shop.url + 'late.html');
    const r = await page.evaluate(async ({ glueUrl, wasmUrl, cssUrl, data, fragment }) => {
      const module = await import(glueUrl);
      await module.default({ module_or_path: wasmUrl });
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: cssUrl });
      await new Promise((resolve) => { link.onload = resolve; document.head.append(link); });
      const median = (runs) => runs.slice(1).sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)];
      const w = [], h = [];
      for (let i = 0; i < 21; i++) {
        const host = document.createElement('stele-reviews');
        const island = document.createElement('script');
        island.type = 'application/json'; island.setAttribute('data-stele', '');
        island.textContent = JSON.stringify(data); host.append(island); document.body.append(host);
        let start = performance.now();
        const mounted = module.mount(host, 'reviews', { product: '2183', src: location.origin + '/stele/', perPage: 20 });
        host.shadowRoot.querySelector('.stele-list').getBoundingClientRect();
        w.push(performance.now() - start);
        mounted.unmount(); mounted.free(); host.remove();
        const c = document.createElement('div'); document.body.append(c);
        start = performance.now(); c.innerHTML = fragment; c.querySelector('.stele-list').getBoundingClientRect(); h.push(performance.now() - start); c.remove();
      }
      return [median(w), median(h)];
    }, { glueUrl: `${shop.url}stele/ab-${v}.js`, wasmUrl: `${shop.url}stele/ab-${v}.wasm`, cssUrl: `${shop.url}stele/stele.css`, data, fragment });
    results[v].push(r);
    await page.close();
  }
  for (const v of variants) {
    const ratios = results[v].map(([w, h]) => w / h).sort((a, b) => a - b);
    console.log(v, 'widget ms', results[v].map(([w]) => w.toFixed(1)).join(' '), '| ratios', ratios.map((r) => r.toFixed(2)).join(' '), '| median', ratios[3].toFixed(2));
  }
} finally { await browser.close(); shop.stop(); relay.stop(); }
