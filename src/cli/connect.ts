/**
 * The API client for a plan or an apply: the connection flags, or with --emulator a fresh
 * in-process emulator (empty, demo only). A config whose every app brings its own
 * credentials needs no global ones. The client's retry waits are tallied for the closing summary.
 */
import type { ApiClient, ClientOptions } from '../api/types.js';
import { WaitTally } from '../apply/waits.js';
import type { LoadedConfig } from '../config/types.js';
import type { ConnectionArgs } from './connection-options.js';
import type { CliIO } from './io.js';

export interface Connection {
  client: ApiClient;
  /** The global key id: the planner reads `app_…` keys as app-scoped. */
  keyId: string | undefined;
  /** Time slept before retries (rate limits, transient faults) by this client and its per-app clones. */
  waits: WaitTally;
  close(): Promise<void>;
}

/** What the command does with the connection: it names the in-process emulator's stderr line. */
export type Purpose = 'plan' | 'apply';

const emulatorBanner: Record<Purpose, (url: string) => string> = {
  plan: (url) => `Planning against an empty in-process emulator at ${url}.\n`,
  apply: (url) => `Applying to an empty in-process emulator at ${url} (discarded on exit).\n`,
};

/** `extra`: client options of the caller's, e.g. onProgress for the live read counter. */
export async function connect(argv: ConnectionArgs & { emulator?: boolean }, io: CliIO, loaded: LoadedConfig, purpose: Purpose, extra: Pick<ClientOptions, 'onProgress'> = {}): Promise<Connection> {
  const waits = new WaitTally();
  if (argv.emulator) {
    const [{ startEmulator }, { createClient }] = await Promise.all([import('../emulator/index.js'), import('../api/client.js')]);
    const emu = await startEmulator({ port: 0 });
    io.stderr.write(emulatorBanner[purpose](emu.url));
    const debug = argv.debug || io.env.SUNCO_DEBUG === '1' ? (line: string) => io.stderr.write(`${line}\n`) : undefined;
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey, onWait: waits.onWait, ...extra, ...(debug ? { debug } : {}) });
    return { client, keyId: emu.accountKey.keyId, waits, close: () => emu.close() };
  }
  const apps = Object.values(loaded.config.apps);
  const credentialsOptional = apps.length > 0 && apps.every((a) => a.credentials !== undefined);
  // The key id as resolved (flag, environment or profile): an app_ key makes the app scope.
  const { connectFromArgv } = await import('./connection.js');
  const { client, keyId } = await connectFromArgv(argv, io, { credentialsOptional }, { onWait: waits.onWait, ...extra });
  return { client, keyId, waits, close: async () => undefined };
}
