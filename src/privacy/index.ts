export type { PrivacyContext } from './context.js';
export { eraseAccount } from './erase-account.js';
export { exportDownloadKey, getExportOrThrow, listExports, requestExport, toExportView } from './exports.js';
export { readInventory } from './inventory.js';
export { exportJob, policyNoticeJob, privacyQueues, registerPrivacyJobs, retentionJob } from './jobs.js';
export { acknowledgePolicy, type LegalSettings, type LegalSlug, policyStatus, readLegalDocument } from './legal.js';
export { sendPolicyNotices } from './policy-notice.js';
export {
  adminListPrivacyRequests,
  adminUpdatePrivacyRequest,
  countOpenPrivacyRequests,
  listMyPrivacyRequests,
  submitPrivacyRequest,
} from './privacy-requests.js';
export { runRetention } from './retention.js';
