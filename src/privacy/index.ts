export { EXPORT_JOB, type PrivacyContext, RETENTION_JOB } from './context.js';
export { eraseAccount } from './erase-account.js';
export { exportDownloadKey, getExportOrThrow, listExports, requestExport, toExportView } from './exports.js';
export { readInventory } from './inventory.js';
export { privacyQueues, registerPrivacyJobs } from './jobs.js';
export { acknowledgePolicy, type LegalSettings, type LegalSlug, policyStatus, readLegalDocument } from './legal.js';
export { sendPolicyNotices } from './policy-notice.js';
export { adminListPrivacyRequests, adminUpdatePrivacyRequest, listMyPrivacyRequests, submitPrivacyRequest } from './privacy-requests.js';
export { runRetention } from './retention.js';
