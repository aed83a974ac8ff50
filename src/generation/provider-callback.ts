import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../lib/errors.js';
import type { ImageProvider } from '../providers/index.js';
import { hintExpression } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { unsafeFindGeneration } from './generation.queries.js';
import { generations } from './generation.schema.js';
import { statusIsActive } from './state.js';

/** The per-generation token in the callback URL: only we can make it, and it names one generation. */
export function callbackToken(secret: string, generationId: string): string {
  return createHmac('sha256', secret).update(`provider-callback:${generationId}`).digest('base64url');
}

/** Where the provider should call us back about this generation; undefined when we are not reachable or it never calls. */
export function callbackUrl(settings: GenerationContext['settings'], provider: ImageProvider, generationId: string): string | undefined {
  if (!settings.callbackBaseUrl || !provider.callbacks) return undefined;
  const token = callbackToken(settings.callbackSecret, generationId);
  return `${settings.callbackBaseUrl}/api/hooks/${provider.callbacks.route}/${generationId}?token=${token}`;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A provider says a task finished. It is only a hint: after checking the URL
 * token (and the provider's own signature, which its adapter checks) we wake
 * the worker, which re-reads the task from the provider. Forged,
 * cross-generation, duplicate and late callbacks change nothing.
 */
export async function acceptProviderCallback(
  deps: Pick<GenerationContext, 'db' | 'log' | 'clock' | 'settings' | 'provider'>,
  input: { generationId: string; token: string; body: unknown; headers: Record<string, string | string[] | undefined> },
): Promise<{ accepted: boolean }> {
  if (!sameText(input.token, callbackToken(deps.settings.callbackSecret, input.generationId))) {
    throw new AppError('unauthenticated', 'Invalid callback token.');
  }
  const callbacks = deps.provider.callbacks;
  if (!callbacks) throw notFound('That task');
  const taskId = callbacks.taskIdOf(input.body);
  if (!taskId) throw new AppError('invalid_input', 'The callback names no task.');
  if (!callbacks.verify({ taskId, headers: input.headers, now: deps.clock.now() })) {
    throw new AppError('unauthenticated', 'Invalid callback signature.');
  }
  // The usual case in one statement: an active generation that owns the task wakes its worker.
  const hinted = await deps.db
    .select({ hint: hintExpression(generations.id) })
    .from(generations)
    .where(and(eq(generations.id, input.generationId), sql`${generations.providerTaskIds} ? ${taskId}`, statusIsActive()));
  if (hinted.length === 1) return { accepted: true };
  const gen = await unsafeFindGeneration(deps.db, input.generationId);
  if (!gen?.providerTaskIds.includes(taskId)) throw notFound('That task');
  return { accepted: false }; // it has ended: nothing to wake
}
