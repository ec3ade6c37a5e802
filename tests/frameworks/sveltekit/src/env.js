// SvelteKit 3 declares its environment variables here; PUBLIC_STELE_URL is public and inlined at build time.
import { defineEnvVars } from '@sveltejs/kit/env';

export const variables = defineEnvVars({
  PUBLIC_STELE_URL: { public: true, static: true, description: "The Stele relay's public URL" },
});
