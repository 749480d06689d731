import type { CommandModule } from 'yargs';

export interface EmulatorArgs {
  host: string;
  port: number;
  key?: string;
  state?: string;
  latency?: number;
  rateLimit?: number;
  faultRate?: number;
  seed?: number;
  /** The global --debug flag: one stderr line per request. */
  debug?: boolean;
  /** Apply this config at start (plan + apply in-process). */
  config?: string;
  varFile?: string[];
  var?: string[];
  secretsOut?: string;
  /** No webhook delivery log lines. */
  quiet?: boolean;
  webhookRetryBaseMs?: number;
}

/** `sunco emulator`: a local SunCo v2 API (implementation loaded lazily). */
export const emulatorCommand: CommandModule<object, EmulatorArgs> = {
  command: 'emulator',
  describe: 'Run a local Sunshine Conversations v2 API (until Ctrl-C)',
  builder: (y) =>
    y
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on' })
      .option('port', { type: 'number', default: 8090, describe: 'Port to listen on (0 picks a free one)' })
      .option('key', { type: 'string', describe: 'Account key KEYID:SECRET (default: generated, printed once)' })
      .option('state', { type: 'string', describe: 'Load state from FILE and save it there (mode 0600: it holds key secrets)' })
      .option('latency', { type: 'number', describe: 'Delay every response by MS milliseconds' })
      .option('rate-limit', { type: 'number', describe: 'Answer 429 beyond N requests per second' })
      .option('fault-rate', { type: 'number', describe: 'Probability 0..1 of an injected fault per request' })
      .option('seed', { type: 'number', describe: 'Seed of the fault generator, to replay a run' })
      .option('config', { type: 'string', describe: 'Start with this config applied (a file or a directory of *.yaml, as sunco-apply -f)' })
      .option('var-file', { type: 'string', array: true, nargs: 1, describe: 'Variables file for --config; repeatable, later wins' })
      .option('var', { type: 'string', array: true, nargs: 1, describe: 'Set a variable for --config, KEY=VALUE; repeatable' })
      .option('secrets-out', { type: 'string', describe: 'Save the secrets --config generates (keys, webhooks) to this JSON file (mode 0600)' })
      .option('quiet', { type: 'boolean', describe: 'Do not print a line per webhook delivery' })
      .option('webhook-retry-base-ms', { type: 'number', describe: 'First webhook retry delay in ms; later ones double (default 60000: 5 attempts over 15 minutes)' }),
  handler: async (argv) => {
    const { runEmulatorCommand } = await import('./emulator-run.js');
    await runEmulatorCommand(argv);
  },
};
