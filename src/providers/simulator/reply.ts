import type { Readable } from 'node:stream';
import type { Behaviour } from './behaviour.js';

/** A response, built by the route handlers and written by the server. */
export interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** Sent instead of `body`, chunked with no length (an endless or huge download). */
  stream?: () => Readable;
}

/** KIE's envelope; HTTP 200 even for errors, as the real service does. */
export function envelope(behaviour: Behaviour, code: number, msg: string, data: unknown = null, extra: object = {}): Reply {
  const message = behaviour.useMessageField ? { message: msg } : { msg };
  return { status: 200, contentType: 'application/json', body: JSON.stringify({ code, ...message, data, ...extra }) };
}

export function html(status: number, text: string): Reply {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html><head><title>${text}</title></head><body>${text}</body></html>`,
  };
}

export function plainJson(status: number, value: unknown): Reply {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}
