import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * OpenAI's `POST /v1/moderations` as documented, on 127.0.0.1: a Bearer key,
 * `{ model, input: [{ type: 'image_url', image_url: { url: 'data:…' } }] }`,
 * answered with `{ id, model, results: [{ flagged, categories,
 * category_scores, category_applied_input_types }] }`. `sexualScore` sets the
 * score (flagged at 0.5, as a stand-in for OpenAI's own threshold); `status`
 * makes it fail.
 */
export async function startOpenAiModerationFake(apiKey: string) {
  const state = { sexualScore: 0.01, minorsScore: 0.001, status: 200, requests: [] as { auth?: string; body: unknown }[] };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server = createServer(async (req, res) => {
    const text = await read(req);
    const body = JSON.parse(text || 'null');
    state.requests.push({ auth: req.headers.authorization, body });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (req.method !== 'POST' || req.url !== '/v1/moderations') return send(404, { error: { message: 'Not found' } });
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    if (state.status !== 200) return send(state.status, { error: { message: 'The server had an error', type: 'server_error' } });
    const input = body?.input?.[0];
    if (input?.type !== 'image_url' || !String(input.image_url?.url).startsWith('data:image/')) {
      return send(400, { error: { message: 'Invalid input', type: 'invalid_request_error' } });
    }
    const scores = { sexual: state.sexualScore, 'sexual/minors': state.minorsScore, harassment: 0.001, violence: 0.002 };
    send(200, {
      id: `modr-${state.requests.length}`,
      model: body.model,
      results: [
        {
          flagged: scores.sexual >= 0.5 || scores['sexual/minors'] >= 0.5,
          categories: { sexual: scores.sexual >= 0.5, 'sexual/minors': scores['sexual/minors'] >= 0.5, harassment: false, violence: false },
          category_scores: scores,
          category_applied_input_types: { sexual: ['image'], 'sexual/minors': [], harassment: [], violence: ['image'] },
        },
      ],
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
