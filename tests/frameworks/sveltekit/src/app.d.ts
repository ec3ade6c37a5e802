// www/README.md: the element types for Svelte templates, once.
import type {} from '@stele/widget/svelte';

export {};
