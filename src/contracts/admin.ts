import { z } from 'zod';

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
