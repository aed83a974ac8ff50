import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * The web app lives in web/ and builds into dist/web, which the Fastify server
 * serves with an SPA fallback. In development (`npx vite`) the Vite server
 * proxies the API to the server on port 3000.
 */
const backend = 'http://127.0.0.1:3000';
/** The server's default PUBLIC_URL, the only origin Better Auth trusts. */
const serverOrigin = 'http://localhost:3000';

const api: ProxyOptions = {
  target: backend,
  // Better Auth accepts cookie-carrying POSTs only from its own origin; seen
  // through the proxy, the page's origin is the server's.
  configure: (proxy) => {
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', serverOrigin);
    });
  },
};

export default defineConfig(({ isSsrBuild }) => ({
  root: 'web',
  publicDir: isSsrBuild ? false : 'public',
  plugins: [react(), tailwindcss()],
  // `vite build --ssr src/prerender.tsx` builds the module that renders the public
  // pages at build time (scripts/prerender-web.mjs); it is never served.
  build: isSsrBuild
    ? { outDir: '../dist/prerender', emptyOutDir: true }
    : {
        outDir: '../dist/web',
        emptyOutDir: true,
        sourcemap: true,
        // Which chunks each screen needs: the prerendered pages preload exactly those.
        manifest: true,
      },
  server: {
    proxy: {
      '/api': api,
      '/healthz': { target: backend },
    },
  },
}));
