export { type AllowedHost, isPublicAddress, parseAllowedHost } from '../../lib/address-policy.js';
export { sniffImageType } from './download.js';
export { type KieErrorCode, kieError } from './errors.js';
export { USER_AGENT } from './http.js';
export { createKieProvider, type KieProviderOptions, type ProviderLog } from './kie-provider.js';
export { buildModelInput, type CatalogEntry, checkCatalogEntry, type ModelReferenceSupport, modelReferenceSupport } from './models.js';
export { createInProcessRateLimiter, type InProcessRateLimiterOptions, type RateLimiter, unlimitedRateLimiter } from './rate-limit.js';
