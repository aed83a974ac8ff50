export { type Actor, adminListAudit, exportUserData, type OperatorAction, recordOperatorAction } from './audit-log.js';
