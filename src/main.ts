import { grantOperatorRole } from './admin/index.js';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type AccountRole, isOperatorRole } from './contracts/operators.js';
import { migrate, openDatabase } from './db/index.js';
import { buildDeps, type Deps, databaseTarget, describeSetup } from './deps.js';
import { createLogger } from './lib/logger.js';
import { createPrettyStream, formatBanner } from './lib/pretty-log.js';
import { startWorker } from './worker.js';

/**
 * The animegen command:
 *   start    embedded all-in-one: web + worker (+ the KIE simulator without a key)
 *   serve    web only (run any number against PostgreSQL)
 *   worker   generation jobs only
 *   migrate  apply database migrations and exit
 *   admin grant <email> [--role admin|support|moderator] | admin revoke <email>   operator rights
 */
type Command = 'start' | 'serve' | 'worker' | 'migrate' | 'admin';

async function main(command: Command): Promise<void> {
  const config = loadConfig(process.env, process.stdout.isTTY === true);
  if (command === 'admin') return adminCommand(config, process.argv.slice(3));
  if (command !== 'start' && command !== 'migrate' && config.database.kind === 'pglite') {
    throw new ConfigError([
      `DATABASE_URL: "animegen ${command}" runs beside other processes and needs PostgreSQL; use "animegen start" for the embedded database`,
    ]);
  }
  const role = command === 'serve' ? 'web' : command === 'worker' ? 'worker' : 'all';
  // A person at a terminal reads short lines (LOG_FORMAT=pretty); anything else gets pino's JSON on standard output.
  const pretty = config.log.format === 'pretty' ? createPrettyStream(process.stdout, config.log.colors) : undefined;
  const deps = await buildDeps(config, { role, log: createLogger(config.log.level, pretty) });
  if (command === 'migrate') {
    deps.log.info('migrations applied');
    await deps.close();
    return;
  }
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  // Signals are handled from before the first job is claimed: a worker asked to stop while still
  // registering its queues must hand its work on, not die with a job half done.
  const starting = (async () => {
    if (role !== 'web') await startWorker(deps);
    if (role === 'worker') {
      deps.log.info({ concurrency: config.generation.concurrency }, 'worker started');
      return;
    }
    // The tag index is built before the server listens, so no request waits for it.
    const tags = deps.tags?.warm();
    if (tags) deps.log.debug(tags, 'tag index built');
    app = await buildApp(deps);
    await app.listen({ port: config.http.port, host: config.http.host });
    announce(config, deps);
  })();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down: active jobs finish or are handed to a fresh job');
    try {
      await starting.catch(() => {});
      await app?.close();
      await deps.close();
    } catch (err) {
      // Logged, not thrown: an unhandled rejection would exit without saying what failed.
      deps.log.error({ err }, 'shutdown did not complete cleanly');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await starting;
}

/** `animegen admin grant <email> [--role admin|support|moderator]` or `admin revoke <email>`: sets the account's role, audited. */
async function adminCommand(config: Config, args: string[]): Promise<void> {
  const [action, email, flag, value] = args;
  const role = action === 'revoke' ? 'user' : flag === undefined ? 'admin' : flag === '--role' ? value : undefined;
  if ((action !== 'grant' && action !== 'revoke') || !email || !role || (action === 'grant' && !isOperatorRole(role))) {
    console.error('Usage: animegen admin grant <email> [--role admin|support|moderator] | animegen admin revoke <email>');
    process.exit(2);
  }
  const database = await openDatabase(databaseTarget(config));
  await migrate(database);
  const found = await grantOperatorRole(database.db, { email, role: role as AccountRole, now: new Date() });
  await database.close();
  if (!found) {
    console.error(`No account with the e-mail ${email}.`);
    process.exit(1);
  }
  console.log(action === 'grant' ? `${email} is now an operator (${role}).` : `${email} is no longer an operator.`);
}

/** The one start-up message: a banner for a person at a terminal, one log line otherwise. */
function announce(config: Config, deps: Deps): void {
  const setup = describeSetup(config, deps);
  if (config.log.format === 'pretty') {
    const rows: [string, string][] = [
      ['Images', setup.images],
      ['Database', setup.database],
      ['E-mail', setup.mail],
      ['Image checks', setup.imageChecks],
    ];
    const note = 'Requests appear here only when they fail or take over a second. Stop with Ctrl+C.';
    process.stdout.write(formatBanner({ url: setup.url, rows, note }, config.log.colors));
  } else {
    deps.log.info({ ...setup, concurrency: config.generation.concurrency }, `AnimeGen is running at ${setup.url}`);
  }
  if (config.imageModeration.kind === 'off') {
    deps.log.warn('Image checks are OFF (IMAGE_MODERATION=off): results and uploads are shown to their owners unchecked.');
  }
  if (deps.mailDelivery === 'log') {
    deps.log.warn(
      `E-mail goes only to the log: the dev mailbox is off because HOST=${config.http.host} lets other machines reach this server. Set SMTP_URL to send mail.`,
    );
  }
}

const command = (process.argv[2] ?? 'start') as Command;
if (!['start', 'serve', 'worker', 'migrate', 'admin'].includes(command)) {
  console.error(`Unknown command "${command}". Use: start | serve | worker | migrate | admin`);
  process.exit(2);
}
main(command).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
