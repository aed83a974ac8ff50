import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Better Auth's four tables (user, session, account, verification), written by
 * hand in its expected shape, plus our profile columns on `user`.
 */
export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** 'light' | 'dark' | 'system' */
  theme: text('theme').notNull().default('system'),
  /** BCP 47 tag of the UI language, e.g. 'en', 'ja' */
  locale: text('locale').notNull().default('en'),
  /** Whether downloaded images carry the settings that made them (on by default, as in A1111 and NovelAI). */
  embedSettings: boolean('embed_settings').notNull().default(true),
  /**
   * When the user turned mature content on (explicit images, never involving
   * minors), confirming they are 18 or older; null: off, the default.
   */
  matureContentAt: timestamp('mature_content_at', { withTimezone: true }),
  /**
   * Set while the account is suspended (pending an operator's review): it
   * cannot sign in and has no sessions. The reason is the operator's or the
   * rule's, shown to operators only.
   */
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  suspensionReason: text('suspension_reason'),
  /** When the user confirmed they meet the minimum age at sign-up. */
  ageConfirmedAt: timestamp('age_confirmed_at', { withTimezone: true }),
  /** 'user' | 'admin' (operators; granted with `animegen admin grant <email>`). */
  role: text('role').notNull().default('user'),
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  /** The privacy-policy version this account was last e-mailed about (each material change at most once). */
  policyNotifiedVersion: text('policy_notified_version'),
  /**
   * Set when the account was deleted: the row stays only as an anonymous
   * anchor for ledger and purchase records kept for the legal period.
   */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

/** Better Auth's two-factor plugin: the TOTP secret and backup codes (both encrypted by Better Auth). */
export const twoFactor = pgTable(
  'two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('two_factor_user_idx').on(t.userId), index('two_factor_secret_idx').on(t.secret)],
);

/**
 * Better Auth's passkey plugin: one WebAuthn credential per row (the public
 * key only; the private key never leaves the user's device). `lastUsedAt` is
 * ours, set on each passkey sign-in for the list in Settings.
 */
export const passkey = pgTable(
  'passkey',
  {
    id: text('id').primaryKey(),
    name: text('name'),
    publicKey: text('public_key').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    credentialID: text('credential_id').notNull().unique(),
    counter: integer('counter').notNull(),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    transports: text('transports'),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
    aaguid: text('aaguid'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkey_user_idx').on(t.userId)],
);

/** Better Auth's rate-limit counters, in the database so every process shares them. */
export const rateLimit = pgTable('rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/**
 * The free sign-up grant, one row per account (abuse prevention): the
 * network the sign-up came from and, once decided, the normalised address,
 * both as keyed hashes (HMAC with a key derived from AUTH_SECRET), and what
 * was decided at verification. An erased account's row loses its user and
 * network but keeps the address hash while it was granted, so deleting the
 * account and signing up again with the same address gets no second grant.
 * The key to "user" (ON DELETE SET NULL) is in the migration.
 */
export const signupGrants = pgTable(
  'signup_grants',
  {
    id: text('id').primaryKey(),
    /** Null once the account is erased. */
    userId: text('user_id').unique(),
    /** Keyed hash of the sign-up network (IPv4 /24, IPv6 /64); null when unknown or past the window it counts in. */
    networkHash: text('network_hash'),
    /** Keyed hash of the normalised verified address; set when the grant is decided. */
    addressHash: text('address_hash'),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull(),
    /** 'pending' | 'granted' | 'disposable_address' | 'address_already_granted' | 'network_limit' */
    outcome: text('outcome').notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One grant per mailbox, whatever happens to the lock that guards the decision.
    uniqueIndex('signup_grants_granted_address_idx').on(t.addressHash).where(sql`${t.outcome} = 'granted'`),
    index('signup_grants_network_idx').on(t.networkHash, t.decidedAt),
  ],
);

/**
 * Sign-up proof-of-work solutions already spent (SIGNUP_CHALLENGE=altcha), by
 * the challenge's signature, until the challenge would have expired anyway.
 * Holds nothing about a person.
 */
export const spentChallenges = pgTable('spent_challenges', {
  signature: text('signature').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A user's API keys (the versioned API's credential). The key itself is never
 * stored: only its SHA-256 (a key is 32 random bytes, so a slow hash adds
 * nothing) and its first characters for the list. Revoking deletes the row.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Hex SHA-256 of the whole key; the lookup on every API request. */
    keyHash: text('key_hash').notNull().unique(),
    /** `ag_` and the next 8 characters, shown in the list. */
    start: text('start').notNull(),
    /** 'generate' | 'read' */
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Written at most once a minute per key, not on every request. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('api_keys_user_idx').on(t.userId, t.createdAt)],
);
