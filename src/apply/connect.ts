/**
 * The API client for an apply: the connection flags, or with --emulator a fresh in-process
 * emulator (empty, demo only). A config whose every app brings its own credentials needs
 * no global ones.
 */
import type { ApiClient } from '../api/types.js';
import type { ConnectionArgs } from '../cli/connection-options.js';
import type { CliIO } from '../cli/io.js';
import type { LoadedConfig } from '../config/types.js';

export interface Connection {
  client: ApiClient;
  /** The global key id: the planner reads `app_…` keys as app-scoped. */
  keyId: string | undefined;
  close(): Promise<void>;
}

export async function connect(argv: ConnectionArgs & { emulator?: boolean }, io: CliIO, loaded: LoadedConfig): Promise<Connection> {
  if (argv.emulator) {
    const [{ startEmulator }, { createClient }] = await Promise.all([import('../emulator/index.js'), import('../api/client.js')]);
    const emu = await startEmulator({ port: 0 });
    io.stderr.write(`Applying to an empty in-process emulator at ${emu.url} (discarded on exit).\n`);
    const debug = argv.debug || io.env.SUNCO_DEBUG === '1' ? (line: string) => io.stderr.write(`${line}\n`) : undefined;
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey, ...(debug ? { debug } : {}) });
    return { client, keyId: emu.accountKey.keyId, close: () => emu.close() };
  }
  const apps = Object.values(loaded.config.apps);
  const credentialsOptional = apps.length > 0 && apps.every((a) => a.credentials !== undefined);
  const { clientFromArgv } = await import('../cli/connection.js');
  const client = await clientFromArgv(argv, io, { credentialsOptional });
  const keyId = argv.keyId ?? io.env.SUNCO_KEY_ID;
  return { client, keyId: keyId?.trim() || undefined, close: async () => undefined };
}
