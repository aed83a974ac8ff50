export { decideModerationCase } from './decide-moderation-case.js';
export { grantOperatorRole } from './grant-operator-role.js';
export { type AdminContext, adminQueues, housekeepingJob, registerAdminJobs } from './jobs.js';
export { listOpenAlerts, purgeResolvedAlerts, raiseOperatorAlert, resolveAlert } from './operator-alerts.js';
