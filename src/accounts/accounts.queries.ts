import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { user } from './accounts.schema.js';

export const profileColumns = {
  id: user.id,
  email: user.email,
  name: user.name,
  emailVerified: user.emailVerified,
  theme: user.theme,
  locale: user.locale,
  embedSettings: user.embedSettings,
  matureContentAt: user.matureContentAt,
  createdAt: user.createdAt,
  role: user.role,
  twoFactorEnabled: user.twoFactorEnabled,
  /** When the minimum age was confirmed and the terms accepted (null: not yet, an account made by a provider sign-in). */
  ageConfirmedAt: user.ageConfirmedAt,
  /** The account has a password (false: it signs in only with a provider, so sensitive actions take a recent sign-in instead). */
  hasPassword:
    sql<boolean>`exists (select 1 from account a where a.user_id = "user"."id" and a.provider_id = 'credential' and a.password is not null)`.as(
      'has_password',
    ),
  /** What became of the free sign-up grant (a SignupGrantOutcome); null for an account with no record. */
  signupGrant: sql<string | null>`(select sg.outcome from signup_grants sg where sg.user_id = "user"."id")`.as('signup_grant'),
};

export async function findProfile(db: Db, userId: string) {
  const rows = await db
    .select(profileColumns)
    .from(user)
    .where(and(eq(user.id, userId), isNull(user.deletedAt)));
  return rows[0] ?? null;
}

export async function updateProfileRow(
  db: Db,
  userId: string,
  patch: { name?: string; theme?: string; locale?: string; embedSettings?: boolean; matureContentAt?: Date | null; ageConfirmedAt?: Date },
) {
  const rows = await db
    .update(user)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(user.id, userId))
    .returning(profileColumns);
  return rows[0] ?? null;
}

export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;
