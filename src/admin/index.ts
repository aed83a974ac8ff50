export { listOpenAlerts, purgeResolvedAlerts, raiseOperatorAlert, resolveAlert } from './operator-alerts.js';
