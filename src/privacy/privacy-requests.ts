import { asc, desc, eq } from 'drizzle-orm';
import type { CreatePrivacyRequestInput, PrivacyRequest } from '../contracts/privacy.js';
import { tables } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { PrivacyContext } from './context.js';

const { privacyRequests } = tables;
type Row = typeof privacyRequests.$inferSelect;
const DUE_DAYS = 30;

export function toRequestView(r: Row, opts: { admin?: boolean } = {}): PrivacyRequest {
  return {
    id: r.id,
    kind: r.kind as PrivacyRequest['kind'],
    email: r.email,
    message: r.message,
    status: r.status as PrivacyRequest['status'],
    resolution: r.resolution,
    dueAt: r.dueAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...(opts.admin ? { userId: r.userId } : {}),
  };
}

const statusText: Record<PrivacyRequest['status'], string> = {
  open: 'received',
  in_progress: 'being handled',
  done: 'done',
  rejected: 'closed without action',
};

async function tellRequester(deps: Pick<PrivacyContext, 'mailer' | 'log'>, r: Row): Promise<void> {
  const text = [
    `Your privacy request (${r.kind.replace('_', ' ')}) is ${statusText[r.status as PrivacyRequest['status']]}.`,
    r.resolution ? `\n${r.resolution}` : '',
    `\nWe answer by ${r.dueAt.toISOString().slice(0, 10)} at the latest. Reference: ${r.id}`,
  ].join('\n');
  await deps.mailer
    .send({ to: r.email, subject: 'Your AnimeGen privacy request', text })
    .catch((err) => deps.log.warn({ err }, 'request e-mail not sent'));
}

/**
 * Records a privacy request (from a signed-in user, or anyone through the
 * public form) with a 30-day due date, and confirms it by e-mail.
 */
export async function submitPrivacyRequest(
  deps: Pick<PrivacyContext, 'db' | 'clock' | 'mailer' | 'log'>,
  input: { user: { id: string; email: string } | null; request: CreatePrivacyRequestInput },
): Promise<PrivacyRequest> {
  const email = input.user?.email ?? input.request.email;
  if (!email) throw new AppError('invalid_input', 'Tell us the e-mail address where we should answer.', { field: 'email' });
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(privacyRequests)
    .values({
      id: newId(),
      userId: input.user?.id ?? null,
      email,
      kind: input.request.kind,
      message: input.request.message,
      status: 'open',
      dueAt: new Date(now.getTime() + DUE_DAYS * 86_400_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tellRequester(deps, row!);
  return toRequestView(row!);
}

export async function listMyPrivacyRequests(deps: Pick<PrivacyContext, 'db'>, input: { userId: string }): Promise<PrivacyRequest[]> {
  const rows = await deps.db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.userId, input.userId))
    .orderBy(desc(privacyRequests.createdAt));
  return rows.map((r) => toRequestView(r));
}

/** The operator queue, oldest due date first. */
export async function adminListPrivacyRequests(deps: Pick<PrivacyContext, 'db'>, input: { status?: PrivacyRequest['status'] }) {
  const rows = await deps.db
    .select()
    .from(privacyRequests)
    .where(input.status ? eq(privacyRequests.status, input.status) : undefined)
    .orderBy(asc(privacyRequests.dueAt))
    .limit(500);
  return rows.map((r) => toRequestView(r, { admin: true }));
}

/** An operator moves a request along; the requester is e-mailed on each change. */
export async function adminUpdatePrivacyRequest(
  deps: Pick<PrivacyContext, 'db' | 'clock' | 'mailer' | 'log'>,
  input: { requestId: string; status: PrivacyRequest['status']; resolution?: string },
): Promise<PrivacyRequest> {
  const [row] = await deps.db
    .update(privacyRequests)
    .set({ status: input.status, resolution: input.resolution ?? null, updatedAt: deps.clock.now() })
    .where(eq(privacyRequests.id, input.requestId))
    .returning();
  if (!row) throw notFound('That request');
  await tellRequester(deps, row);
  return toRequestView(row, { admin: true });
}
