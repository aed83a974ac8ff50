import { desc, eq } from 'drizzle-orm';
import type { ModerationCase } from '../contracts/moderation.js';
import type { Db } from '../db/index.js';
import { type CaseStatus, moderationCases } from './moderation.schema.js';

/** The moderation queue (prompts, held images, reports) for operators, newest first (at most 200), optionally of one status. Every user's: for the console only. */
export async function adminListCases(db: Db, input: { status?: CaseStatus }): Promise<ModerationCase[]> {
  const rows = await db
    .select()
    .from(moderationCases)
    .where(input.status ? eq(moderationCases.status, input.status) : undefined)
    .orderBy(desc(moderationCases.createdAt), desc(moderationCases.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    kind: r.kind,
    category: r.category,
    prompt: r.prompt,
    negativePrompt: r.negativePrompt,
    model: r.model,
    status: r.status,
    imageId: r.imageId,
    generationId: r.generationId,
    evidenceSha256: r.evidenceSha256,
    scores: r.scores,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }));
}
