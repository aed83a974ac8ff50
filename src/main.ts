import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { buildDeps } from './deps.js';

/**
 * The animegen command: `start` (embedded all-in-one: web + worker on PGlite),
 * `serve` (web only), `worker` (jobs only), `migrate`.
 */
async function main(command: string): Promise<void> {
  const config = loadConfig();
  const deps = await buildDeps(config);
  if (command === 'migrate') {
    deps.log.info('migrations applied');
    await deps.close();
    return;
  }
  const app = await buildApp(deps);
  await app.listen({ port: config.http.port, host: config.http.host });
  const stop = async (signal: string) => {
    deps.log.info({ signal }, 'shutting down');
    await app.close();
    await deps.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const command = process.argv[2] ?? 'start';
if (!['start', 'serve', 'worker', 'migrate'].includes(command)) {
  console.error(`Unknown command "${command}". Use: start | serve | worker | migrate`);
  process.exit(2);
}
main(command).catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
