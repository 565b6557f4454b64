import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// Served by chat pods at /console/ (see services/chat, frontend routes). `vite` (dev) proxies the
// API and socket.io to a local chat process.
const chat = process.env.SMARTCHAT_CHAT_URL ?? 'http://127.0.0.1:17300';

export default defineConfig({
  base: '/console/',
  plugins: [solid()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    host: '127.0.0.1',
    port: 17341,
    proxy: { '/v1': chat, '/socket.io': { target: chat, ws: true } },
  },
});
