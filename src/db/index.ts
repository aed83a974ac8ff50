export { type Database, type DatabaseTarget, openDatabase, type SqlExecutor, transactionExecutor } from './client.js';
export { migrate } from './migrate.js';
export { executePrepared } from './prepared.js';
export { queryRows } from './rows.js';
export type { Db } from './types.js';
