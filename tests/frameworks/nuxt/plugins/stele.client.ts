// www/README.md, "Nuxt": plugins/stele.client.ts, with the template types.
import '@stele/widget';
import type {} from '@stele/widget/vue';
export default defineNuxtPlugin(() => {});
