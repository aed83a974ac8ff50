import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnAnimegen, waitForHealth } from '../../helpers/process.js';

/** A real AnimeGen server (embedded mode) on a free port with its own data folder. */
export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `animegen start` and resolves once /healthz answers. With `dataDir`
 * the caller owns the data folder (to restart on the same data); otherwise a
 * fresh one is made and removed on stop. `hostName: 'localhost'` makes that
 * the public address (still served on 127.0.0.1): WebAuthn takes a domain
 * name as its relying party, never an IP address.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; hostName?: 'localhost'; port?: number } = {},
): Promise<RunningServer> {
  // A port chosen beforehand when something else must know the address first (a sign-in provider's redirect URI).
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'animegen-e2e-'));
  const baseUrl = `http://${options.hostName ?? '127.0.0.1'}:${port}`;
  const proc = spawnAnimegen('start', {
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    SIMULATOR_DELAY_MS: '1500',
    // The journeys sign in several times a minute from one address; limits are tested in test/http.
    AUTH_RATE_LIMIT: '0',
    // Every journey signs up from 127.0.0.1 and expects its free credits; the cap is tested in test/http.
    SIGNUP_GRANTS_PER_NETWORK_PER_DAY: '0',
    ...env,
  });
  const stop = async () => {
    await proc.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, proc);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, stop };
}
