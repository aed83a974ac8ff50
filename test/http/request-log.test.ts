import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

interface LogLine {
  msg: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}

async function appLoggingTo(format: 'pretty' | 'json') {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const t = await buildTestApp({ logTo: sink, worker: false, env: { LOG_LEVEL: 'info', LOG_FORMAT: format } });
  return { t, lines, requestLines: () => lines.filter((l) => l.req || l.res) };
}

/** Stripe is not configured in tests, so its webhook answers 503 billing_disabled: a server-side failure. */
const failingRequest = {
  method: 'POST' as const,
  url: '/api/billing/webhook',
  payload: '{}',
  headers: { 'content-type': 'application/json' },
};

describe('request lines in the readable console (LOG_FORMAT=pretty)', () => {
  let app: Awaited<ReturnType<typeof appLoggingTo>>;
  beforeAll(async () => {
    app = await appLoggingTo('pretty');
  });
  afterAll(() => app.t.close());

  it('writes nothing for requests that went well or were refused to the client, one line for a server error', async () => {
    for (let i = 0; i < 20; i++) expect((await app.t.app.inject({ url: '/api/meta' })).statusCode).toBe(200);
    expect((await app.t.app.inject({ url: '/api/no-such-thing' })).statusCode).toBe(404);
    expect((await app.t.app.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect(app.requestLines()).toEqual([]);

    expect((await app.t.app.inject(failingRequest)).statusCode).toBe(503);
    expect(app.requestLines()).toEqual([
      expect.objectContaining({
        msg: 'request failed',
        req: expect.objectContaining({ method: 'POST', url: '/api/billing/webhook' }),
        res: { statusCode: 503 },
      }),
    ]);
  });
});

describe('request lines in JSON logs (not a terminal, or production)', () => {
  let app: Awaited<ReturnType<typeof appLoggingTo>>;
  beforeAll(async () => {
    app = await appLoggingTo('json');
  });
  afterAll(() => app.t.close());

  it('keeps every request for operators, as before', async () => {
    for (let i = 0; i < 3; i++) await app.t.app.inject({ url: '/api/meta' });
    await app.t.app.inject(failingRequest);
    const completed = app.lines.filter((l) => l.msg === 'request completed');
    expect(completed.map((l) => l.res?.statusCode)).toEqual([200, 200, 200, 503]);
  });
});
