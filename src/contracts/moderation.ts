import { z } from 'zod';

/**
 * Why a prompt was refused (`error.category` of a 422 `content_policy`). The
 * user is told the rule, never the word that matched it.
 * - minor_sexual: sexual content involving minors; refused for every account.
 * - sexual: explicit sexual content, for an account that has not opted into mature content.
 * - denylist: a term this server's operators refuse.
 */
export const policyCategories = ['minor_sexual', 'sexual', 'denylist'] as const;
export const policyCategorySchema = z.enum(policyCategories);
export type PolicyCategory = z.infer<typeof policyCategorySchema>;

/** POST /api/admin/moderation/check: the policy's answer for a prompt, recorded against nobody. */
export const policyCheckSchema = z
  .object({
    prompt: z.string().max(20000),
    negativePrompt: z.string().max(5000).optional(),
    /** Decide as for an account that opted into mature content. */
    mature: z.boolean().default(false),
  })
  .strict();
export const policyDecisionSchema = z.object({ decision: z.enum(['allow', 'block']), category: policyCategorySchema.optional() });
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;

/** GET /api/admin/moderation: the queue, newest first. */
export const moderationCaseSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(['prompt']),
  category: policyCategorySchema,
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  model: z.string(),
  status: z.enum(['open', 'dismissed', 'upheld']),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type ModerationCase = z.infer<typeof moderationCaseSchema>;
