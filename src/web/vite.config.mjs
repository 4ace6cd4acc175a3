// Builds the explorer into dist/web, which src/http/use-web-routes.ts serves.
// Plain Vite with Oxc's JSX transform set to Preact: no Babel, no plugin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Sizes are checked by test/web (every page under 300 kB of gzipped script).
    chunkSizeWarningLimit: 1000,
    reportCompressedSize: false,
  },
});
