import type { ApiKey, ApiKeyScope } from '../contracts/api-keys.js';
import { apiKeys } from './accounts.schema.js';

/** What a list may show of a key: never its hash. */
export const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  start: apiKeys.start,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  createdAt: apiKeys.createdAt,
};

export interface ApiKeyRow {
  id: string;
  name: string;
  start: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export const toApiKeyView = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  start: r.start,
  scopes: r.scopes as ApiKeyScope[],
  expiresAt: r.expiresAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
