import { fileURLToPath } from 'node:url';
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

/**
 * React Router's package resolves to its development build under every export
 * condition; its production build differs only in leaving out the development
 * warnings, which otherwise run on every navigation and render.
 */
const reactRouterBuild = (file: string) => fileURLToPath(new URL(`./node_modules/react-router/dist/production/${file}`, import.meta.url));

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

export default defineConfig(({ isSsrBuild, mode }) => ({
  root: 'web',
  publicDir: isSsrBuild ? false : 'public',
  plugins: [react(), tailwindcss()],
  resolve:
    mode === 'production'
      ? {
          alias: [
            { find: /^react-router$/, replacement: reactRouterBuild('index.mjs') },
            { find: /^react-router\/dom$/, replacement: reactRouterBuild('dom-export.mjs') },
          ],
        }
      : undefined,
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
