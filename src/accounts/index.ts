export type { ProfileRow } from './accounts.queries.js';
export { type Auth, type AuthOptions, CLIENT_IP_HEADER, createAuth } from './auth.js';
export { getProfile } from './get-profile.js';
export { hashParams, OWASP_SCRYPT, type ScryptParams, TEST_SCRYPT } from './password.js';
export { FRESH_SESSION_MS, requireReauthentication } from './reauthenticate.js';
export { createSessionResolver, type SessionUser } from './resolve-session.js';
export { listSessions, revokeOtherSessions, revokeSession } from './sessions.js';
export { updateProfile } from './update-profile.js';
