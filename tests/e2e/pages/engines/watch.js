// Put first in every page's <head> by tests/e2e/engines.test.mjs (a same-origin file, so a
// strict CSP allows it): records what Chromium's DevTools protocol would report, in any engine.
(() => {
  const watch = (window.__watch = { ready: [], problems: [], hints: [], violations: [] });
  document.addEventListener('stele:ready', (e) => watch.ready.push(e.detail), true);
  document.addEventListener('securitypolicyviolation', (e) => watch.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  addEventListener(
    'error',
    (e) => watch.problems.push(e.target === window ? `pageerror: ${e.message}` : `failed to load <${e.target.localName}> ${e.target.src || e.target.href || ''}`),
    true,
  );
  addEventListener('unhandledrejection', (e) => watch.problems.push(`unhandled rejection: ${e.reason}`));
  for (const [level, list] of [['error', watch.problems], ['warn', watch.hints]]) {
    const original = console[level];
    console[level] = function (...args) {
      list.push(`console.${level}: ${args.map(String).join(' ')}`);
      return original.apply(this, args);
    };
  }
})();
