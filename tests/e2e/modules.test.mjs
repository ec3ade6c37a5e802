// The budgets script's file picking (modules.mjs) against fake builds whose hashes sort the
// badge module before the full one. No browser, no relay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { pickModules } from './modules.mjs';

const NAMES = {
  full: { glue: 'stele-00000001.js', wasm: 'stele-fedcba98.wasm' },
  badges: { glue: 'stele-badges-456789ab.js', wasm: 'stele-badges-0000000a.wasm' },
  reviews: { glue: 'stele-reviews-000000aa.js', wasm: 'stele-reviews-0000000b.wasm' },
  testimonials: { glue: 'stele-testimonials-000000ab.js', wasm: 'stele-testimonials-000000bb.wasm' },
  direct: { glue: 'stele-direct-aaaaaaaa.js', wasm: 'stele-direct-00000000.wasm' },
};

/** A fake build in a temp dir: the real loader source with the names substituted as
 *  scripts/build-widget does, glues that name their wasm, and `extra` files. */
function fakeBuild(names = NAMES, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stele-modules-'));
  const loader = readFileSync(join(ROOT, 'www/src/stele.js'), 'utf8')
    .replaceAll('__BADGE_GLUE__', names.badges.glue).replaceAll('__REVIEWS_GLUE__', names.reviews.glue)
    .replaceAll('__TESTIMONIALS_GLUE__', names.testimonials.glue).replaceAll('__DIRECT_GLUE__', names.direct.glue)
    .replaceAll('__GLUE__', names.full.glue);
  writeFileSync(join(dir, 'stele.js'), loader);
  writeFileSync(join(dir, 'stele.css'), '');
  for (const { glue, wasm } of Object.values(names)) {
    writeFileSync(join(dir, glue), `new URL("${wasm}",import.meta.url)`);
    writeFileSync(join(dir, wasm), '');
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

test('picks each module by what the loader references, whatever the hashes sort like', () => {
  const dir = fakeBuild();
  try {
    const files = readdirSync(dir);
    // The old rule (the first *.wasm by name) takes the badge module here.
    assert.equal(files.find((f) => f.endsWith('.wasm')), NAMES.badges.wasm, 'the fake build sorts badge-first');
    assert.deepEqual(pickModules(dir), NAMES);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a stale hash-named file the loader does not reference is ignored', () => {
  const dir = fakeBuild(NAMES, { 'stele-00000000.wasm': '', 'stele-00000000.js': '' });
  try {
    assert.deepEqual(pickModules(dir), NAMES);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a referenced file that is missing, or a glue naming another module\'s wasm, is an error', () => {
  const missing = fakeBuild();
  const mismatched = fakeBuild(NAMES, { [NAMES.full.glue]: `new URL("${NAMES.badges.wasm}",import.meta.url)` });
  try {
    rmSync(join(missing, NAMES.full.wasm));
    assert.throws(() => pickModules(missing), /stele-00000001\.js references stele-fedcba98\.wasm, which is not in/);
    assert.throws(() => pickModules(mismatched), /stele-00000001\.js should reference one full \.wasm file, found 0/);
  } finally {
    rmSync(missing, { recursive: true });
    rmSync(mismatched, { recursive: true });
  }
});

test('an unbuilt loader (placeholders left) is an error, not a guess', () => {
  const dir = fakeBuild();
  try {
    writeFileSync(join(dir, 'stele.js'), readFileSync(join(ROOT, 'www/src/stele.js')));
    assert.throws(() => pickModules(dir), /should reference one full \.js file, found 0/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
