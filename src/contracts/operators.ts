import { z } from 'zod';

/**
 * Operator roles and what each may do, as data: the server's access check and
 * the console's navigation both read this table. Least privilege: support
 * helps customers (accounts, credits, support, privacy requests), moderators
 * act on content and abuse, admins do everything and alone see the audit log,
 * erase accounts and handle provider alerts.
 */
export const operatorRoles = ['admin', 'support', 'moderator'] as const;
export type OperatorRole = (typeof operatorRoles)[number];
export const accountRoles = ['user', ...operatorRoles] as const;
export type AccountRole = (typeof accountRoles)[number];

export const operatorPermissions = {
  /** The dashboard's figures. */
  stats: ['admin', 'support', 'moderator'],
  /** Search accounts and open one (profile, balance, ledger, sessions, strikes). */
  'users.read': ['admin', 'support', 'moderator'],
  /** Adjust an account's credits, refund a generation. */
  'users.credits': ['admin', 'support'],
  /** End an account's sessions, re-send its verification e-mail. */
  'users.sessions': ['admin', 'support'],
  /** Suspend and lift a suspension. */
  'users.suspend': ['admin', 'moderator'],
  /** Look at an account's images (a stated reason, logged). */
  'users.images': ['admin', 'moderator'],
  /** Erase an account. */
  'users.delete': ['admin'],
  /** The moderation queue, the denylist and the prompt tester. */
  moderation: ['admin', 'moderator'],
  /** The support inbox. */
  support: ['admin', 'support'],
  /** Privacy requests. */
  privacy: ['admin', 'support'],
  /** Provider alerts. */
  alerts: ['admin'],
  /** The audit log. */
  audit: ['admin'],
} as const satisfies Record<string, readonly OperatorRole[]>;
export type OperatorPermission = keyof typeof operatorPermissions;

export const isOperatorRole = (role: string): role is OperatorRole => (operatorRoles as readonly string[]).includes(role);

/** Whether an account with this role may do this. */
export function may(role: string, permission: OperatorPermission): boolean {
  return (operatorPermissions[permission] as readonly string[]).includes(role);
}

/** Every operator action the audit log records. */
export const auditActions = [
  'role.grant',
  'role.revoke',
  'credits.adjust',
  'generation.refund',
  'user.suspend',
  'user.unsuspend',
  'user.sessions_revoke',
  'user.verification_resend',
  'user.delete',
  'user.images_view',
  'moderation.release',
  'moderation.remove',
  'moderation.dismiss',
  'denylist.add',
  'denylist.remove',
  'support.reply',
  'support.close',
  'privacy.update',
  'alert.resolve',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** GET /api/admin/audit: one operator action. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The operator's account id; null for the command line. */
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string(),
  action: z.enum(auditActions),
  targetUserId: z.string().nullable(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
