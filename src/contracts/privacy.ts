import { z } from 'zod';
import { text } from './text.js';

/** POST /api/me/exports → 202; GET /api/me/exports/:id */
export const dataExportSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'ready', 'failed']),
  /** 0–100 */
  progress: z.number().int(),
  /** Same-origin, owner-only; present when ready and not expired. */
  downloadUrl: z.string().nullable(),
  bytes: z.number().int().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type DataExport = z.infer<typeof dataExportSchema>;

/** DELETE /api/me: the password, or nothing when the session is fresh (signed in within 10 minutes). */
export const deleteAccountSchema = z.object({ password: z.string().max(128).optional() }).strict();

export const privacyRequestKinds = ['objection', 'access', 'deletion', 'child_account', 'other'] as const;

/** POST /api/privacy-requests (signed in or not). */
export const createPrivacyRequestSchema = z
  .object({
    kind: z.enum(privacyRequestKinds),
    /** Required when not signed in; ignored when signed in (the account's address is used). */
    email: z.email().max(254).optional(),
    message: text().trim().min(10, 'Tell us a little more (at least 10 characters)').max(5000),
  })
  .strict();
export type CreatePrivacyRequestInput = z.infer<typeof createPrivacyRequestSchema>;

export const privacyRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(privacyRequestKinds),
  email: z.string(),
  message: z.string(),
  status: z.enum(['open', 'in_progress', 'done', 'rejected']),
  resolution: z.string().nullable(),
  dueAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Admin views only: the account it came from, if any. */
  userId: z.string().nullable().optional(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

/** PATCH /api/admin/privacy-requests/:id */
export const updatePrivacyRequestSchema = z
  .object({ status: z.enum(['open', 'in_progress', 'done', 'rejected']), resolution: text().trim().max(5000).optional() })
  .strict();

/** GET /api/legal/privacy (and /terms, /cookies) */
export const legalDocumentSchema = z.object({
  slug: z.enum(['privacy', 'terms', 'cookies']),
  version: z.string(),
  updated: z.string(),
  material: z.boolean(),
  /** The page in Markdown (our own words). */
  markdown: z.string(),
  /** Its first `# ` heading as plain text, when it has one. */
  title: z.string().optional(),
  /** The rest of the page as HTML, safe to insert: raw HTML in the Markdown is escaped and links are web, mail or same-site only. */
  html: z.string(),
  /** Privacy page only: from live configuration. */
  processors: z.array(z.object({ name: z.string(), purpose: z.string(), region: z.string() })).optional(),
  regions: z.array(z.string()).optional(),
  contact: z.string().optional(),
});
export type LegalDocument = z.infer<typeof legalDocumentSchema>;

/** GET /api/me/policy: whether the signed-in user must acknowledge a material change. */
export const policyStatusSchema = z.object({
  version: z.string(),
  acknowledgedVersion: z.string().nullable(),
  /** True when the current version is material and not yet acknowledged. */
  mustAcknowledge: z.boolean(),
});
export type PolicyStatus = z.infer<typeof policyStatusSchema>;
