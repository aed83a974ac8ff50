import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { buildDeps, type Deps } from './deps.js';
import { startWorker } from './jobs/worker.js';

/**
 * The animegen command:
 *   start    embedded all-in-one: web + worker (+ the KIE simulator without a key)
 *   serve    web only (run any number against PostgreSQL)
 *   worker   generation jobs only
 *   migrate  apply database migrations and exit
 */
type Command = 'start' | 'serve' | 'worker' | 'migrate';

async function main(command: Command): Promise<void> {
  const config = loadConfig();
  if (command !== 'start' && command !== 'migrate' && config.database.kind === 'pglite') {
    throw new ConfigError([
      `DATABASE_URL: "animegen ${command}" runs beside other processes and needs PostgreSQL; use "animegen start" for the embedded database`,
    ]);
  }
  const role = command === 'serve' ? 'web' : command === 'worker' ? 'worker' : 'all';
  const deps = await buildDeps(config, { role });
  if (command === 'migrate') {
    deps.log.info('migrations applied');
    await deps.close();
    return;
  }
  if (role !== 'web') await startWorker(deps);
  const app = role === 'worker' ? null : await buildApp(deps);
  if (app) {
    await app.listen({ port: config.http.port, host: config.http.host });
    announce(config, deps);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down: finishing active jobs');
    await app?.close();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function announce(config: Config, deps: Deps): void {
  deps.log.info(
    {
      url: config.http.publicUrl,
      database: config.database.kind,
      provider: deps.provider.demo ? 'built-in simulator (demo images)' : 'KIE',
      mail: deps.devMailbox ? `${config.http.publicUrl}/dev/mail` : 'SMTP',
    },
    `AnimeGen is running at ${config.http.publicUrl}`,
  );
}

const command = (process.argv[2] ?? 'start') as Command;
if (!['start', 'serve', 'worker', 'migrate'].includes(command)) {
  console.error(`Unknown command "${command}". Use: start | serve | worker | migrate`);
  process.exit(2);
}
main(command).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
