export { deleteErasedAccount, purgeExpiredAccountRecords, unsafeListErasedAccounts } from './account-retention.js';
export type { ProfileRow } from './accounts.queries.js';
export {
  accountEmails,
  adminGetAccount,
  adminListSessions,
  adminSearchAccounts,
  adminSignUpStats,
  revokeAllSessions,
} from './admin-accounts.js';
export { type Auth, type AuthOptions, CLIENT_IP_HEADER, createAuth } from './auth.js';
export { claimNoticeRecipients } from './claim-notice-recipients.js';
export { consentToSignup } from './consent-to-signup.js';
export { createApiKey } from './create-api-key.js';
export { decideSignupGrant, type SignupGrantOutcome, type SignupGrantRules, signupGrantOutcomes } from './decide-signup-grant.js';
export { findAccountId } from './find-account.js';
export { getProfile } from './get-profile.js';
export { listApiKeys } from './list-api-keys.js';
export { hashParams, OWASP_SCRYPT, type ScryptParams, TEST_SCRYPT } from './password.js';
export { eraseUserData, exportUserData } from './personal-data.js';
export { FRESH_SESSION_MS, requireReauthentication } from './reauthenticate.js';
export { type ApiKeyResolver, createApiKeyResolver, type KeyHolder } from './resolve-api-key.js';
export { createSessionResolver, type SessionUser } from './resolve-session.js';
export { revokeApiKey } from './revoke-api-key.js';
export { listSessions, revokeOtherSessions, revokeSession } from './sessions.js';
export { isMatureAccount, setMatureContent } from './set-mature-content.js';
export { setOperatorRole } from './set-operator-role.js';
export { createSignupChallenges, type SignupChallenges } from './signup-challenge.js';
export { suspendAccount, unsuspendAccount } from './suspend-account.js';
export { updateProfile } from './update-profile.js';
