import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DeliveryOptions, deliverEvent, type FakeEvent, makeEvent } from './stripe-fake-events.js';
import { type FakeSession, FakeStripeState, fakeId } from './stripe-fake-state.js';

/**
 * A local stand-in for the part of Stripe's HTTP API that AnimeGen's SDK
 * calls make: Checkout Sessions (create with idempotency, retrieve with
 * expand, list with created[gte] / status / payment_intent and pagination),
 * refund and dispute lists. Every request is recorded (headers and body) so
 * tests can check what left our server. The hosted checkout page is GET
 * /pay/:id: it marks the session paid and redirects to the success URL, as a
 * buyer paying would. Test controls move state (pay, refund, dispute) and
 * deliver signed events to a webhook URL.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw form-encoded body (POST) or query string (GET). */
  body: string;
  params: Record<string, unknown>;
}

export interface StripeFakeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where GET /pay/:id also delivers checkout.session.completed (like Stripe racing the buyer's redirect). */
  webhookUrl?: string;
}

export interface StripeFake {
  url: string;
  state: FakeStripeState;
  requests: RecordedRequest[];
  /** The next POST is processed but its connection is dropped before the answer, so the client must retry. */
  dropNextPostResponse(): void;
  /** From now on GET /pay/:id also delivers checkout.session.completed here. */
  sendWebhooksTo(url: string): void;
  /** HTTP statuses of the deliveries GET /pay/:id made, once they are answered. */
  webhookStatuses(): Promise<number[]>;
  /** Pays a session as a buyer would (see FakeStripeState.complete). */
  pay(sessionId: string, opts?: { delayed?: boolean }): FakeSession;
  event(type: FakeEventType, sessionId: string): FakeEvent;
  deliver(event: FakeEvent, options: DeliveryOptions): Promise<Response>;
  close(): Promise<void>;
}

export type FakeEventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'charge.refunded'
  | 'charge.dispute.created';

export async function startStripeFake(options: StripeFakeOptions): Promise<StripeFake> {
  const state = new FakeStripeState();
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { hash: string; status: number; body: unknown }>();
  let dropNext = false;
  let base = '';
  let webhookUrl = options.webhookUrl;
  const automatic: Promise<number>[] = [];

  const event = (type: FakeEventType, sessionId: string): FakeEvent => {
    const s = state.session(sessionId);
    if (type.startsWith('checkout.')) return makeEvent(type, state.render(s, []));
    const charge = state.chargeOf(sessionId);
    if (type === 'charge.refunded') return makeEvent(type, { ...charge });
    const dispute = state.disputes.filter((d) => d.charge === charge.id).at(-1);
    if (!dispute) throw new Error(`fake stripe: session ${sessionId} has no dispute`);
    return makeEvent(type, { ...dispute });
  };

  const route = (req: IncomingMessage, raw: string, res: ServerResponse): [number, unknown] | null => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    if (req.method === 'GET' && path.startsWith('/pay/')) {
      const s = state.complete(decodeURIComponent(path.slice(5)));
      if (webhookUrl) {
        const delivery = deliverEvent(event('checkout.session.completed', s.id), { url: webhookUrl, secret: options.webhookSecret });
        automatic.push(delivery.then((r) => r.status).catch(() => 0));
      }
      res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) }).end();
      return null;
    }
    const params = parseForm(req.method === 'GET' ? url.search.slice(1) : raw);
    requests.push({ method: req.method ?? '', path, headers: { ...req.headers }, body: raw || url.search.slice(1), params });
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
      return [401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }];
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const key = String(req.headers['idempotency-key'] ?? '');
      const hash = createHash('sha256').update(raw).digest('hex');
      const seen = idempotent.get(key);
      if (seen && seen.hash !== hash) {
        const message = 'Keys for idempotent requests can only be used with the same parameters they were first used with.';
        return [400, { error: { type: 'idempotency_error', message } }];
      }
      if (seen) return [seen.status, seen.body];
      const created = createSession(state, params, base);
      if (key) idempotent.set(key, { hash, status: 200, body: created });
      return [200, created];
    }
    const one = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const s = state.sessions.get(decodeURIComponent(one[1] ?? ''));
      return s ? [200, state.render(s, listOf(params.expand).map(String))] : missing('checkout.session');
    }
    if (req.method === 'GET' && path === '/v1/checkout/sessions') {
      const created = (params.created ?? {}) as { gte?: string };
      const matches = [...state.sessions.values()]
        .filter((s) => !created.gte || s.created >= Number(created.gte))
        .filter((s) => !params.status || s.status === params.status)
        .filter((s) => !params.payment_intent || s.payment_intent === params.payment_intent)
        .sort((a, b) => b.created - a.created)
        .map((s) => ({ ...state.render(s, []), id: s.id }));
      return [200, page(matches, params, path)];
    }
    if (req.method === 'GET' && (path === '/v1/refunds' || path === '/v1/disputes')) {
      const items = path === '/v1/refunds' ? state.refunds : state.disputes;
      return [200, page([...items].filter((i) => i.charge === params.charge).reverse(), params, path)];
    }
    return missing('route');
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = route(req, Buffer.concat(chunks).toString('utf8'), res);
      if (!answer) return;
      if (req.method === 'POST' && dropNext) {
        dropNext = false;
        req.socket.destroy();
        return;
      }
      res.writeHead(answer[0], { 'content-type': 'application/json', 'request-id': fakeId('req') }).end(JSON.stringify(answer[1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    requests,
    dropNextPostResponse: () => {
      dropNext = true;
    },
    sendWebhooksTo: (url) => {
      webhookUrl = url;
    },
    webhookStatuses: () => Promise.all(automatic),
    pay: (sessionId, opts) => state.complete(sessionId, opts),
    event,
    deliver: (e, o) => deliverEvent(e, { secret: options.webhookSecret, ...o }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createSession(state: FakeStripeState, params: Record<string, unknown>, base: string): FakeSession {
  const items = listOf(params.line_items) as { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }[];
  const first = items[0]?.price_data;
  const id = fakeId('cs');
  const session: FakeSession = {
    id,
    object: 'checkout.session',
    mode: String(params.mode ?? 'payment'),
    status: 'open',
    payment_status: 'unpaid',
    client_reference_id: (params.client_reference_id as string | undefined) ?? null,
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    amount_total: items.reduce((sum, i) => sum + Number(i.price_data?.unit_amount ?? 0) * Number(i.quantity ?? 1), 0),
    currency: first?.currency ?? 'eur',
    success_url: String(params.success_url ?? ''),
    cancel_url: String(params.cancel_url ?? ''),
    url: `${base}/pay/${id}`,
    created: state.now(),
    payment_intent: null,
    customer_email: (params.customer_email as string | undefined) ?? null,
  };
  state.sessions.set(id, session);
  return session;
}

/** Stripe's list envelope with `limit` / `starting_after` pagination over newest-first items. */
function page(items: { id: string }[], params: Record<string, unknown>, url: string) {
  const limit = Number(params.limit ?? 10);
  const start = params.starting_after ? items.findIndex((i) => i.id === params.starting_after) + 1 : 0;
  const data = items.slice(start, start + limit);
  return { object: 'list', url, has_more: start + limit < items.length, data };
}

const missing = (what: string): [number, unknown] => [
  404,
  { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } },
];

/** An indexed form array (`a[0]=x&a[1]=y`, read as an object with numeric keys) as a list. */
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : v ? [v] : []);

/** Decodes Stripe's bracketed form encoding (`line_items[0][price_data][currency]=eur`) into nested objects. */
export function parseForm(encoded: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const [head = '', ...rest] = key.split('[').map((p) => p.replace(/\]$/, ''));
    let node = out;
    const path = [head, ...rest];
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return out;
}
