import { z } from 'zod';
import { text } from './text.js';

/**
 * API keys (POST/GET/DELETE /api/me/api-keys): a script's credential for the
 * versioned API under /api/v1. A key is shown once, when it is made; we keep
 * only its hash and its first characters, to tell keys apart in a list.
 */

/**
 * What a key may do. `read`: the models, prices, balance, and the owner's own
 * generations and images. `generate`: uploads, creating and deleting generations.
 * A key reaches nothing else (account, security, billing, privacy, operators).
 */
export const apiKeyScopes = ['generate', 'read'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** Every key starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'ag_';
/** The most keys one account holds; revoke one to make another. */
export const MAX_API_KEYS = 25;
/** The longest a key may live; one without `expiresAt` lives until revoked. */
export const MAX_API_KEY_DAYS = 366;

export const createApiKeySchema = z.object({
  name: text().trim().min(1).max(60),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Choose at least one scope')
    .refine((s) => new Set(s).size === s.length, 'A scope is named twice'),
  /** When the key stops working (ISO 8601); absent: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters (`ag_` and 8 more), shown to tell keys apart. */
  start: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  expiresAt: z.string().nullable(),
  /** When the key last authenticated a request (kept to the minute). */
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to creating a key: the only time `key` itself is ever shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
