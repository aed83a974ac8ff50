import type { Secret } from '../lib/secret.js';
import { ImageModerationUnavailable, type ImageModerator } from './types.js';

export interface OpenAiModeratorSettings {
  apiKey: Secret;
  /** https://api.openai.com/v1 in production; tests point it at a local fake. */
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

/**
 * The shape of `POST /v1/moderations` as OpenAI documents it (confirmed
 * against the OpenAPI spec's generated clients and OpenAI's own SDK types):
 * the body is `{ model, input: [{ type: 'image_url', image_url: { url } }] }`,
 * where `url` may be a `data:` URL of the image; the answer is
 * `{ id, model, results: [{ flagged, categories, category_scores,
 * category_applied_input_types }] }`, one result for the whole input, with
 * the categories `sexual` and `sexual/minors` among others (booleans in
 * `categories`, 0–1 in `category_scores`). Not confirmed here: rate limits
 * and the largest image it takes; a 4xx or 5xx is "unavailable" (fail closed).
 */
interface ModerationResponse {
  results?: { flagged?: boolean; categories?: Record<string, boolean>; category_scores?: Record<string, number> }[];
}

/** A `sexual` score this high, below OpenAI's own flag, still counts as suggestive (shown, not held). */
const SUGGESTIVE_SCORE = 0.2;

/**
 * OpenAI's hosted moderation (omni-moderation-latest) for operators who want
 * it. It judges content, not style: it cannot tell a photograph from a
 * drawing, so every upload counts as photographic (a sexual prompt with any
 * upload is refused, the safe side). The key is sent only to the configured
 * base URL and never logged.
 */
export function createOpenAiImageModerator(s: OpenAiModeratorSettings): ImageModerator {
  const url = `${s.baseUrl.replace(/\/+$/, '')}/moderations`;
  return {
    name: `OpenAI moderation (${new URL(s.baseUrl).host}, ${s.model})`,
    classify: async (image, contentType) => {
      const body = JSON.stringify({
        model: s.model,
        input: [{ type: 'image_url', image_url: { url: `data:${contentType};base64,${image.toString('base64')}` } }],
      });
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.apiKey.reveal()}`, 'content-type': 'application/json', 'user-agent': 'AnimeGen' },
          body,
          signal: AbortSignal.timeout(s.timeoutMs),
        });
      } catch (err) {
        throw new ImageModerationUnavailable(`OpenAI moderation unreachable: ${(err as Error).name}`);
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new ImageModerationUnavailable(`OpenAI moderation answered ${res.status}`);
      }
      const json = (await res.json().catch(() => null)) as ModerationResponse | null;
      const result = json?.results?.[0];
      const categories = result?.categories;
      const scores = result?.category_scores;
      if (!categories || !scores || typeof scores.sexual !== 'number') {
        throw new ImageModerationUnavailable('OpenAI moderation answered in a shape we do not know');
      }
      const explicit = categories.sexual === true || categories['sexual/minors'] === true;
      return {
        explicit,
        suggestive: !explicit && scores.sexual >= SUGGESTIVE_SCORE,
        photographic: true,
        scores: { sexual: scores.sexual, 'sexual/minors': scores['sexual/minors'] ?? 0 },
      };
    },
  };
}
