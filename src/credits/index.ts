export { adjustCredits, adminRefundStats, findAdjustment } from './admin-credits.js';
export { type CreditKind, creditKinds, getBalance, hasEntry, listEntries, refundTotals } from './credits.queries.js';
export { debitForGeneration, generationDebitClauses } from './debit-credits.js';
export { grantCredits } from './grant-credits.js';
export { eraseUserData, exportUserData, purgeUserData } from './personal-data.js';
export { reconcileBalances } from './reconcile-balances.js';
export { refundGeneration } from './refund-credits.js';
export { takeBackCredits } from './take-back-credits.js';
