export { type CreditKind, getBalance, listEntries } from './credits.queries.js';
export { debitForGeneration } from './debit-credits.js';
export { grantCredits } from './grant-credits.js';
export { refundGeneration } from './refund-credits.js';
