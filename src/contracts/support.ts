import { z } from 'zod';
import { text } from './text.js';

/** What a support request is about, as the user picks it; a closed list so every one has a translation. */
export const supportCategories = ['billing', 'generation', 'account', 'bug', 'other'] as const;
export type SupportCategory = (typeof supportCategories)[number];

/**
 * open: waiting for an operator (new, or the user wrote again); answered: an
 * operator replied last; closed: done (a user reply opens it again).
 */
export const supportStatuses = ['open', 'answered', 'closed'] as const;
export type SupportStatus = (typeof supportStatuses)[number];

const body = () => text().trim().min(1, 'Write a message').max(5000);

/** POST /api/support – a new request; a generation or purchase it names must be the user's own. */
export const createSupportRequestSchema = z
  .object({
    category: z.enum(supportCategories),
    subject: text().trim().min(3, 'Give it a short subject (at least 3 characters)').max(200),
    message: text().trim().min(10, 'Tell us a little more (at least 10 characters)').max(5000),
    generationId: z.uuid().optional(),
    purchaseId: text().trim().min(1).max(100).optional(),
  })
  .strict();
export type CreateSupportRequestInput = z.infer<typeof createSupportRequestSchema>;

/** POST /api/me/support/:id/messages and POST /api/admin/support/:id/reply */
export const supportMessageInputSchema = z.object({ body: body() }).strict();

/** POST /api/admin/support/:id/close – the reason goes to the audit log, not to the user. */
export const closeSupportRequestSchema = z.object({ reason: text().trim().max(500).optional() }).strict();

/** One message of a thread. Operators are named by role, never by name or account. */
export const supportMessageSchema = z.object({
  id: z.string(),
  author: z.enum(['user', 'operator']),
  body: z.string(),
  createdAt: z.string(),
});
export type SupportMessage = z.infer<typeof supportMessageSchema>;

/** A request as its lists show it. */
export const supportRequestSchema = z.object({
  id: z.string(),
  category: z.enum(supportCategories),
  subject: z.string(),
  status: z.enum(supportStatuses),
  generationId: z.string().nullable(),
  purchaseId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Since when the user has been waiting for an operator (null when an operator wrote last or it is closed). */
  waitingSince: z.string().nullable(),
  /** Operator views only: the account it came from. */
  userId: z.string().optional(),
});
export type SupportRequest = z.infer<typeof supportRequestSchema>;

/** GET /api/me/support/:id and GET /api/admin/support/:id: the request and its messages, oldest first. */
export const supportThreadSchema = supportRequestSchema.extend({
  messages: z.array(supportMessageSchema),
  /** Operator view only: who asked (to answer them by name and look the account up). */
  requester: z.object({ email: z.string(), name: z.string() }).nullable().optional(),
});
export type SupportThread = z.infer<typeof supportThreadSchema>;
