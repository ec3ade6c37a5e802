// Which built file is which module. scripts/build-widget writes stele.js (the loader, with
// the hashed glue names substituted in) and five hash-named modules, each a glue that names
// its own wasm. A file counts only when the loader references it (or, for a wasm, its glue
// does) AND its name matches its module's exact pattern, so no ordering of hashes can
// mistake one module for another.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PATTERNS = {
  full: /^stele-[0-9a-f]{8}\.(js|wasm)$/,
  badges: /^stele-badges-[0-9a-f]{8}\.(js|wasm)$/,
  reviews: /^stele-reviews-[0-9a-f]{8}\.(js|wasm)$/,
  testimonials: /^stele-testimonials-[0-9a-f]{8}\.(js|wasm)$/,
  direct: /^stele-direct-[0-9a-f]{8}\.(js|wasm)$/,
};

/** The files a script's text names, e.g. "./stele-0123456789ab.js" or "stele-….wasm". */
export function referencedBy(text) {
  return [...new Set([...text.matchAll(/["'`](?:\.\/)?([^"'`/]+\.(?:js|wasm))["'`]/g)].map((m) => m[1]))];
}

/** { full, badges, reviews, testimonials, direct }, each { glue, wasm }: file names in `dir`
 *  (a build-widget output). */
export function pickModules(dir) {
  const present = new Set(readdirSync(dir));
  const loader = referencedBy(readFileSync(join(dir, 'stele.js'), 'utf8'));
  const modules = {};
  for (const [kind, pattern] of Object.entries(PATTERNS)) {
    const one = (names, ext, by) => {
      const found = names.filter((name) => pattern.test(name) && name.endsWith(`.${ext}`));
      if (found.length !== 1) throw new Error(`${by} should reference one ${kind} .${ext} file, found ${found.length}: ${found.join(', ')}`);
      if (!present.has(found[0])) throw new Error(`${by} references ${found[0]}, which is not in ${dir}`);
      return found[0];
    };
    const glue = one(loader, 'js', `${dir}/stele.js`);
    modules[kind] = { glue, wasm: one(referencedBy(readFileSync(join(dir, glue), 'utf8')), 'wasm', glue) };
  }
  return modules;
}
