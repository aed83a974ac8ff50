import { and, eq } from 'drizzle-orm';
import type { CaseCategory } from '../contracts/moderation.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { type CaseKind, moderationCases } from './moderation.schema.js';

/** A result image for the queue: the generation's words for context, the evidence hash, the classifier's numbers. */
export interface ImageCase {
  userId: string;
  kind: Extract<CaseKind, 'image' | 'report'>;
  category: CaseCategory;
  imageId: string;
  generationId: string;
  evidenceSha256: string | null;
  prompt: string;
  negativePrompt: string | null;
  model: string;
  scores?: Record<string, number> | null;
  note?: string | null;
  now: Date;
}

/** Queues image cases inside the caller's transaction (with the images' own insert, so a held image always has its case). */
export async function queueImageCases(tx: Db, cases: ImageCase[]): Promise<void> {
  if (cases.length === 0) return;
  await tx.insert(moderationCases).values(
    cases.map((c) => ({
      id: newId(),
      userId: c.userId,
      kind: c.kind,
      category: c.category,
      prompt: c.prompt,
      negativePrompt: c.negativePrompt,
      model: c.model,
      status: 'open' as const,
      imageId: c.imageId,
      generationId: c.generationId,
      evidenceSha256: c.evidenceSha256,
      scores: c.scores ?? null,
      note: c.note ?? null,
      createdAt: c.now,
    })),
  );
}

/** What an operator's decision touched, for the caller to act on (the image's state, the audit row). */
export interface DecidedCase {
  id: string;
  userId: string;
  kind: CaseKind;
  imageId: string | null;
  generationId: string | null;
}

/**
 * An operator closes an open case inside the caller's transaction: release
 * (dismissed: the refusal or hold was wrong) or remove (upheld). Compare-and-set
 * on `open`: a second decision is a conflict, never a second effect. Throws
 * not_found for an unknown case. Every user's: for the console only.
 */
export async function adminDecideCase(tx: Db, input: { caseId: string; decision: 'release' | 'remove'; now: Date }): Promise<DecidedCase> {
  const rows = await tx
    .update(moderationCases)
    .set({ status: input.decision === 'release' ? 'dismissed' : 'upheld', resolvedAt: input.now })
    .where(and(eq(moderationCases.id, input.caseId), eq(moderationCases.status, 'open')))
    .returning({
      id: moderationCases.id,
      userId: moderationCases.userId,
      kind: moderationCases.kind,
      imageId: moderationCases.imageId,
      generationId: moderationCases.generationId,
    });
  if (rows[0]) return rows[0];
  const exists = await tx.select({ id: moderationCases.id }).from(moderationCases).where(eq(moderationCases.id, input.caseId));
  if (exists.length === 0) throw notFound('That case');
  throw new AppError('conflict', 'This case was already decided.');
}
