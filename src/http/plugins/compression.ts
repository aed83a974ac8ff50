import compress from '@fastify/compress';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** JSON and text answers; images, archives and event streams are left alone. */
const compressibleTypes = /^(?:application\/(?:[\w.+-]+\+)?json|text\/(?!event-stream))/i;

/** The answers built per request: the API and the metrics. Web files carry compressed copies made at build time. */
const compressedRoute = (route: RouteOptions) => route.url.startsWith('/api/') || route.url === '/metrics';

/**
 * Compresses API answers of 1 KB or more with brotli or gzip, as the client's
 * Accept-Encoding allows (with `Vary: Accept-Encoding`). Must run before any
 * route is added. A route opts out with `compress: false` (the live event
 * stream does: compression would hold events back). Request bodies are never
 * decompressed: webhook signatures cover the bytes as sent.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Added before the plugin's own onRoute hook, which reads `compress` when the route is added.
  app.addHook('onRoute', (route) => {
    if (!compressedRoute(route)) route.compress = false;
  });
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: compressibleTypes,
  });
}
