// www/README.md, "Nuxt": Vue treats stele-* tags as custom elements. The relay URL is public
// runtime config (NUXT_PUBLIC_STELE_URL, at build time and when the server runs).
export default defineNuxtConfig({
  vue: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('stele-') } },
  runtimeConfig: { public: { steleUrl: '' } },
  app: { head: { htmlAttrs: { lang: 'en' }, title: 'Nuxt app using @stele/widget' } },
  telemetry: false,
  devtools: { enabled: false },
  compatibilityDate: '2026-01-01',
});
