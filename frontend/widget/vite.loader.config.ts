// dist/loader.js: the classic script host pages embed (IIFE, no modules, a fixed name so that the
// embed snippet never changes). vite.config.ts runs this build after the frame's (it keeps what
// that one wrote); `vite build -c vite.loader.config.ts` runs it alone.
import { defineConfig } from 'vite';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Host pages may be old: the loader stays plain ES2017.
    target: 'es2017',
    lib: {
      entry: 'src/loader.ts',
      formats: ['iife'],
      name: 'SmartchatLoader',
      fileName: () => 'loader.js',
    },
  },
});
