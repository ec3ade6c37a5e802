import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// Server output: the page, and the component's frontmatter, render on every request.
export default defineConfig({ output: 'server', adapter: node({ mode: 'standalone' }) });
