import { z } from 'zod';
import { text } from './text.js';

/**
 * Why a prompt was refused (`error.category` of a 422 `content_policy`). The
 * user is told the rule, never the word that matched it.
 * - minor_sexual: sexual content involving minors; refused for every account.
 * - sexual: explicit sexual content, for an account that has not opted into mature content.
 * - denylist: a term this server's operators refuse.
 * - photo_sexual: a photograph (not a drawing) as a reference with a sexual prompt; refused for every account.
 * - explicit_upload: an explicit reference image, for an account that has not opted into mature content.
 * - known_image: a reference image this server may never take.
 */
export const policyCategories = ['minor_sexual', 'sexual', 'denylist', 'photo_sexual', 'explicit_upload', 'known_image'] as const;
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

/** What a case is about: a prompt refused at submit, a result the image check held, an image its owner reported. */
export const caseKinds = ['prompt', 'image', 'report'] as const;
export type CaseKind = (typeof caseKinds)[number];
/**
 * Why a case is in the queue: a prompt's policy category, or for images
 * explicit_image (explicit, the account has not opted in; refunded),
 * unchecked_image (the check failed: held, fail closed), reported (its owner reported it).
 */
export const caseCategories = [...policyCategories, 'explicit_image', 'unchecked_image', 'reported'] as const;
export type CaseCategory = (typeof caseCategories)[number];
/** open: waiting for an operator; dismissed: released (the refusal or hold was wrong); upheld: removed (it was right). */
export const caseStatuses = ['open', 'dismissed', 'upheld'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** GET /api/admin/moderation: the queue, newest first. */
export const moderationCaseSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(caseKinds),
  category: z.enum(caseCategories),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  model: z.string(),
  status: z.enum(caseStatuses),
  /** Image and report cases: the image (an operator sees it through its audited preview route), its generation and evidence hash. */
  imageId: z.string().nullable(),
  generationId: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** POST /api/admin/moderation/:id/release and …/remove: the operator's reason, kept in the audit log. */
export const caseDecisionSchema = z.object({ reason: text().trim().min(3).max(1000) }).strict();
/** POST /api/images/:id/report: what is wrong with it, in the user's words. */
export const reportImageSchema = z.object({ reason: text().trim().min(1).max(1000) }).strict();
export type ModerationCase = z.infer<typeof moderationCaseSchema>;
