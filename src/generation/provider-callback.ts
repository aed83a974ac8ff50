import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, notFound } from '../lib/errors.js';
import { hintExpression } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { unsafeFindGeneration } from './generation.queries.js';
import { generations } from './generation.schema.js';
import { activeStatuses } from './state.js';

const MAX_SKEW_SECONDS = 300;

/** The per-generation token in the callback URL: only we can make it, and it names one generation. */
export function callbackToken(secret: string, generationId: string): string {
  return createHmac('sha256', secret).update(`provider-callback:${generationId}`).digest('base64url');
}

export function callbackUrl(settings: GenerationContext['settings'], generationId: string): string | undefined {
  if (!settings.callbackBaseUrl) return undefined;
  return `${settings.callbackBaseUrl}/api/hooks/kie/${generationId}?token=${callbackToken(settings.callbackSecret, generationId)}`;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function taskIdOf(body: unknown): string | null {
  const b = body as { data?: { taskId?: unknown; task_id?: unknown }; taskId?: unknown } | null;
  const id = b?.data?.taskId ?? b?.data?.task_id ?? b?.taskId;
  return typeof id === 'string' && id.length > 0 && id.length < 200 ? id : null;
}

/**
 * A provider says a task finished. It is only a hint: after checking the URL
 * token (and KIE's signature when its key is configured) we wake the worker,
 * which re-reads the task from the provider. Forged, cross-generation,
 * duplicate and late callbacks change nothing.
 */
export async function acceptProviderCallback(
  deps: Pick<GenerationContext, 'db' | 'log' | 'clock' | 'settings'>,
  input: { generationId: string; token: string; body: unknown; signature?: string; timestamp?: string },
): Promise<{ accepted: boolean }> {
  if (!sameText(input.token, callbackToken(deps.settings.callbackSecret, input.generationId))) {
    throw new AppError('unauthenticated', 'Invalid callback token.');
  }
  const taskId = taskIdOf(input.body);
  if (!taskId) throw new AppError('invalid_input', 'The callback names no task.');
  const key = deps.settings.webhookHmacKey;
  if (key) {
    const ts = Number(input.timestamp);
    const skew = Math.abs(deps.clock.now().getTime() / 1000 - ts);
    const expected = createHmac('sha256', key).update(`${taskId}.${input.timestamp}`).digest('base64');
    if (!input.signature || !Number.isFinite(ts) || skew > MAX_SKEW_SECONDS || !sameText(input.signature, expected)) {
      throw new AppError('unauthenticated', 'Invalid callback signature.');
    }
  }
  // The usual case in one statement: an active generation that owns the task wakes its worker.
  const hinted = await deps.db
    .select({ hint: hintExpression(generations.id) })
    .from(generations)
    .where(
      and(
        eq(generations.id, input.generationId),
        sql`${generations.providerTaskIds} ? ${taskId}`,
        inArray(generations.status, [...activeStatuses]),
      ),
    );
  if (hinted.length === 1) return { accepted: true };
  const gen = await unsafeFindGeneration(deps.db, input.generationId);
  if (!gen?.providerTaskIds.includes(taskId)) throw notFound('That task');
  return { accepted: false }; // it has ended: nothing to wake
}
