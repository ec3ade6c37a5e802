// STELE_NEXT_DIST lets tests/e2e/frameworks.test.mjs keep a Turbopack and a webpack build side by side.
/** @type {import('next').NextConfig} */
export default { distDir: process.env.STELE_NEXT_DIST || '.next' };
