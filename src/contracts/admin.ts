import { z } from 'zod';
import { text } from './text.js';

/** GET /api/admin/alerts: what an operator must fix, newest first. */
export const operatorAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(['provider_account']),
  /** The service that reported it, e.g. 'kie', and its error code. */
  source: z.string(),
  code: z.string(),
  /** How many generations failed because of it since it was raised. */
  occurrences: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type OperatorAlert = z.infer<typeof operatorAlertSchema>;

/** GET /api/admin/users?q=: accounts whose e-mail or name contains `q`, or whose id is `q` (at most 50). */
export const adminUserRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  emailVerified: z.boolean(),
  suspendedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUserRow = z.infer<typeof adminUserRowSchema>;

/** GET /api/admin/users/:id: one account as support and moderators need it. */
export const adminUserSchema = adminUserRowSchema.extend({
  locale: z.string(),
  twoFactorEnabled: z.boolean(),
  matureContentAt: z.string().nullable(),
  suspensionReason: z.string().nullable(),
  balance: z.number().int(),
  /** The newest ledger entries (at most 50). */
  ledger: z.array(
    z.object({
      id: z.number().int(),
      delta: z.number().int(),
      kind: z.string(),
      reference: z.string(),
      balanceAfter: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  purchases: z.array(
    z.object({
      id: z.string(),
      credits: z.number().int(),
      amount: z.number().int(),
      currency: z.string(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.string(),
      userAgent: z.string().nullable(),
      ipAddress: z.string().nullable(),
      createdAt: z.string(),
      lastUsedAt: z.string(),
    }),
  ),
  generations: z.object({ total: z.number().int(), failed: z.number().int() }),
  /** Prompts the content policy refused in the last 30 days (a strike each), and all-time cases. */
  strikes: z.object({ recent: z.number().int(), total: z.number().int() }),
  privacyRequests: z.array(z.object({ id: z.string(), type: z.string(), status: z.string(), createdAt: z.string() })),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** POST /api/admin/users/:id/credits (with an Idempotency-Key header): a ledger entry with a reason, applied once. */
export const adjustCreditsSchema = z
  .object({
    /** Credits to add (positive) or take back (negative; at most what is left). */
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'must not be zero'),
    reason: text().trim().min(3).max(500),
  })
  .strict();
export const creditAdjustmentSchema = z.object({
  /** False when this Idempotency-Key was already applied (nothing moved again). */
  applied: z.boolean(),
  /** What moved: a take-back stops at zero. */
  delta: z.number().int(),
  balance: z.number().int(),
});
export type CreditAdjustment = z.infer<typeof creditAdjustmentSchema>;

/** A reason, required for every operator action that changes an account. */
export const operatorReasonSchema = z.object({ reason: text().trim().min(3).max(500) }).strict();

/** GET /api/admin/stats: the dashboard. Counts are over the last 24 hours and 30 days. */
export const adminStatsSchema = z.object({
  signUps: z.object({ day: z.number().int(), month: z.number().int() }),
  generations: z.object({ day: z.number().int(), month: z.number().int(), failedDay: z.number().int(), failedMonth: z.number().int() }),
  refunds: z.object({ day: z.number().int(), month: z.number().int(), creditsMonth: z.number().int() }),
  purchases: z.object({ day: z.number().int(), month: z.number().int() }),
  /** Generations waiting or running now. */
  queueDepth: z.number().int(),
  /** Disputes over paid purchases in the last 30 days (0–1); an alert shows at 0.005. */
  disputeRate30d: z.number(),
  openAlerts: z.number().int(),
  openModerationCases: z.number().int(),
  openPrivacyRequests: z.number().int(),
});
export type AdminStats = z.infer<typeof adminStatsSchema>;

/** GET/POST /api/admin/moderation/denylist: the operators' own refused terms. */
export const denylistTermSchema = z.object({ id: z.string(), term: z.string(), createdAt: z.string() });
export type DenylistTerm = z.infer<typeof denylistTermSchema>;
export const addDenylistTermSchema = z.object({ term: text().trim().min(2).max(100), reason: text().trim().max(500).optional() }).strict();

/** POST /api/admin/users/:id/images: the account's newest images, for an operator who gave a reason (audited). */
export const adminUserImageSchema = z.object({
  imageId: z.string(),
  generationId: z.string(),
  prompt: z.string(),
  /** clear | mature | held | removed (removed ones are not listed). */
  moderation: z.string(),
  createdAt: z.string(),
  /** A small WebP as a data URL (null if the file is gone). */
  thumbnail: z.string().nullable(),
});
export type AdminUserImage = z.infer<typeof adminUserImageSchema>;
