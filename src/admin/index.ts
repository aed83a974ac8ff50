export { listOpenAlerts, raiseOperatorAlert, resolveAlert } from './operator-alerts.js';
