// Which built file is which module. scripts/build-widget writes stele.js (the loader, with
// the hashed names substituted in) and three hash-named modules. A file counts only when the
// loader references it AND its name matches its module's exact pattern, and each glue must
// name its own wasm, so no ordering of hashes can mistake one module for another.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PATTERNS = {
  full: /^stele-[0-9a-f]{12}\.(js|wasm)$/,
  badges: /^stele-badges-[0-9a-f]{12}\.(js|wasm)$/,
  direct: /^stele-direct-[0-9a-f]{12}\.(js|wasm)$/,
};

/** The files the loader text references, e.g. "./stele-0123456789ab.wasm" → that name. */
export function referencedBy(loader) {
  return [...new Set([...loader.matchAll(/["'`]\.\/([^"'`/]+\.(?:js|wasm))["'`]/g)].map((m) => m[1]))];
}

/** { full, badges, direct }, each { glue, wasm }: file names in `dir` (a build-widget output). */
export function pickModules(dir) {
  const present = new Set(readdirSync(dir));
  const referenced = referencedBy(readFileSync(join(dir, 'stele.js'), 'utf8'));
  const modules = {};
  for (const [kind, pattern] of Object.entries(PATTERNS)) {
    const one = (ext) => {
      const names = referenced.filter((name) => pattern.test(name) && name.endsWith(`.${ext}`));
      if (names.length !== 1) throw new Error(`${dir}/stele.js should reference one ${kind} .${ext} file, found ${names.length}: ${names.join(', ')}`);
      if (!present.has(names[0])) throw new Error(`${dir}/stele.js references ${names[0]}, which is not in ${dir}`);
      return names[0];
    };
    modules[kind] = { glue: one('js'), wasm: one('wasm') };
    if (!readFileSync(join(dir, modules[kind].glue), 'utf8').includes(modules[kind].wasm))
      throw new Error(`${modules[kind].glue} does not name ${modules[kind].wasm}: the loader and its glue disagree`);
  }
  return modules;
}
