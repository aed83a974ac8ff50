import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getProfile } from '../accounts/index.js';
import type { CreatePrivacyRequestInput, PrivacyRequest } from '../contracts/privacy.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { renderMail } from '../mail/index.js';
import type { PrivacyContext } from './context.js';
import { privacyRequests } from './privacy.schema.js';

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

/**
 * E-mails the requester about their request, in their account's language
 * when the request came from an account (the public form has no language).
 */
async function tellRequester(deps: Pick<PrivacyContext, 'db' | 'mailer' | 'log'>, r: Row): Promise<void> {
  const profile = r.userId ? await getProfile(deps, { userId: r.userId }).catch(() => null) : null;
  const mail = renderMail('privacyRequest', r.email, profile?.locale ?? 'en', {
    kind: r.kind as PrivacyRequest['kind'],
    status: r.status as PrivacyRequest['status'],
    resolution: r.resolution,
    dueAt: r.dueAt,
    reference: r.id,
  });
  await deps.mailer.send(mail).catch((err) => deps.log.warn({ err }, 'request e-mail not sent'));
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

/** Requests waiting for an operator (dashboard). */
export async function countOpenPrivacyRequests(db: Db): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(privacyRequests)
    .where(inArray(privacyRequests.status, ['open', 'in_progress']));
  return Number(r?.n ?? 0);
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

/**
 * An operator moves a request along; the requester is e-mailed on each change.
 * `alsoInTransaction` commits with the change (the operator's audit row).
 */
export async function adminUpdatePrivacyRequest(
  deps: Pick<PrivacyContext, 'db' | 'clock' | 'mailer' | 'log'>,
  input: {
    requestId: string;
    status: PrivacyRequest['status'];
    resolution?: string;
    alsoInTransaction?: (tx: Db, request: { userId: string | null }) => Promise<void>;
  },
): Promise<PrivacyRequest> {
  const row = await deps.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(privacyRequests)
      .set({ status: input.status, resolution: input.resolution ?? null, updatedAt: deps.clock.now() })
      .where(eq(privacyRequests.id, input.requestId))
      .returning();
    if (!changed) throw notFound('That request');
    await input.alsoInTransaction?.(tx, changed);
    return changed;
  });
  await tellRequester(deps, row);
  return toRequestView(row, { admin: true });
}
