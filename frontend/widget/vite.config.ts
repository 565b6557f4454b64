// The widget frame (dist/index.html + dist/assets/), served by chat at /widget/. When it is built,
// the loader (vite.loader.config.ts: dist/loader.js, a classic script) is built right after into
// the same dist/, so `vite build` alone gives chat everything it serves.
// Dev and preview proxy the API and socket.io to a local chat, so the frame is same-origin with it
// as it is in production.
import { build, defineConfig, type Plugin, type ProxyOptions } from 'vite';
import solid from 'vite-plugin-solid';

const chat = 'http://127.0.0.1:17300';
const proxy: Record<string, ProxyOptions> = {
  '/v1': { target: chat },
  '/socket.io': { target: chat, ws: true },
};

/** After the frame's bundle is written (and dist/ emptied for it), the loader's build. */
function buildLoader(): Plugin {
  return {
    name: 'smartchat-widget-loader',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: decodeURIComponent(new URL('./vite.loader.config.ts', import.meta.url).pathname), logLevel: 'warn' });
    },
  };
}

export default defineConfig({
  base: '/widget/',
  plugins: [solid(), buildLoader()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One entry, no dynamic imports: nothing to preload.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', port: 17340, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 17341, strictPort: true, proxy },
});
