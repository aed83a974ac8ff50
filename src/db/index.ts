export { type Database, type DatabaseTarget, type Db, openDatabase, type SqlExecutor, transactionExecutor } from './client.js';
export { migrate } from './migrate.js';
export { executePrepared } from './prepared.js';
export * as tables from './schema/index.js';
