/**
 * `sunco emulator --config FILE`: applies a config to the emulator that just started, with
 * the same plan and apply machinery as `sunco-apply` (load, plan against the live emulator,
 * execute), so that the state it starts with is exactly what applying that config gives. The
 * emulator's account key serves every app: per-app credentials name keys that exist only
 * in the real account. Generated secrets go to --secrets-out, as with sunco-apply.
 */
import { resolve } from 'node:path';
import { requireSecretsOut } from '../apply/preflight.js';
import { SecretsFile } from '../apply/secrets-file.js';
import { loadConfig } from '../config/index.js';
import { configOptionsFrom } from '../config/options.js';
import type { LoadedConfig } from '../config/types.js';
import type { RunningEmulator } from '../emulator/index.js';
import { UserError } from '../errors.js';
import { executeAndReport } from './execute-and-report.js';
import type { CliIO } from './io.js';
import { makePlan } from './make-plan.js';

export interface EmulatorConfigArgs {
  config?: string;
  varFile?: string[];
  var?: string[];
  secretsOut?: string;
}

function withoutCredentials(loaded: LoadedConfig): LoadedConfig {
  const apps = Object.fromEntries(
    Object.entries(loaded.config.apps).map(([name, app]) => {
      const { credentials: _own, ...rest } = app;
      return [name, rest];
    }),
  );
  return { ...loaded, config: { ...loaded.config, apps } };
}

export async function applyConfigToEmulator(emu: RunningEmulator, argv: EmulatorConfigArgs, io: CliIO): Promise<void> {
  const secrets = argv.secretsOut ? new SecretsFile(resolve(io.cwd, argv.secretsOut)) : undefined;
  await secrets?.check();
  const loaded = withoutCredentials(await loadConfig(configOptionsFrom({ file: argv.config, varFile: argv.varFile, var: argv.var }, io)));
  const { createClient } = await import('../api/client.js');
  const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
  const { plan } = await makePlan({ loaded, client, keyId: emu.accountKey.keyId });
  requireSecretsOut(plan, argv.secretsOut);
  io.stdout.write(`Applying ${argv.config ?? 'sunco.yaml'} to the emulator.\n`);
  const report = await executeAndReport({ plan, client, config: loaded.config, secrets, secretsOut: argv.secretsOut, parallelism: 8, json: false, out: io.stdout });
  if (report.failed.length > 0) throw new UserError(`--config ${argv.config ?? ''}: ${report.failed.length} step(s) failed; the emulator was not started`);
}
