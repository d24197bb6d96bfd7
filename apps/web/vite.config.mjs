// Built by `npm run web:build` (API types, tsc, then this) into apps/web/dist, served by the gateway at /.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Preact's JSX through esbuild: no plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chrome 80 and later: the browsers of the Android phones in use.
    target: 'es2020',
    // One bundle: every screen is there once the app has loaded, offline included.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/app-config.json': 'http://127.0.0.1:3000' } },
});
