/**
 * `sunco emulator`: start, print one line, run until SIGINT/SIGTERM, then close (which
 * saves --state).
 */
import { EventEmitter } from 'node:events';
import type { EmulatorArgs } from './emulator.js';
import { getIO } from '../io.js';
import { UserError } from '../../errors.js';
import { parseKey, startEmulator, type EmulatorOptions, type RequestLogEntry, type RunningEmulator } from '../../emulator/index.js';

/** Emits 'started' (RunningEmulator) once listening: lets in-process tests find the URL. */
export const emulatorEvents = new EventEmitter();

function check(ok: boolean, message: string): void {
  if (!ok) throw new UserError(message);
}

/** yargs turns a non-number into NaN: say so rather than echo "NaN" back (as --parallelism does). */
function got(value: number | undefined): string {
  return Number.isNaN(value) ? 'got something that is not a number' : `got ${String(value)}`;
}

export function optionsFromArgs(argv: EmulatorArgs): EmulatorOptions {
  const { port, latency, rateLimit, faultRate, seed, webhookRetryBaseMs } = argv;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `--port must be an integer from 0 to 65535 (${got(port)})`);
  check(latency === undefined || (Number.isFinite(latency) && latency >= 0), `--latency must be a number of milliseconds ≥ 0 (${got(latency)})`);
  check(rateLimit === undefined || (Number.isInteger(rateLimit) && rateLimit >= 1), `--rate-limit must be an integer ≥ 1 (${got(rateLimit)})`);
  check(faultRate === undefined || (Number.isFinite(faultRate) && faultRate >= 0 && faultRate <= 1), `--fault-rate must be a number from 0 to 1 (${got(faultRate)})`);
  check(seed === undefined || Number.isInteger(seed), `--seed must be an integer (${got(seed)})`);
  check(
    webhookRetryBaseMs === undefined || (Number.isFinite(webhookRetryBaseMs) && webhookRetryBaseMs >= 0),
    `--webhook-retry-base-ms must be a number of milliseconds ≥ 0 (${got(webhookRetryBaseMs)})`,
  );
  check(argv.config !== undefined || (argv.secretsOut === undefined && !argv.varFile?.length && !argv.var?.length), '--secrets-out, --var-file and --var go with --config FILE');
  if (argv.key !== undefined) parseKey(argv.key);
  return {
    host: argv.host,
    port,
    ...(argv.key !== undefined ? { key: argv.key } : {}),
    ...(argv.state !== undefined ? { stateFile: argv.state } : {}),
    ...(latency !== undefined ? { latencyMs: latency } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(faultRate !== undefined ? { faultRate } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(webhookRetryBaseMs !== undefined ? { webhookRetryBaseMs } : {}),
  };
}

function readable(query: string): string {
  try {
    return decodeURIComponent(query);
  } catch {
    return query;
  }
}

/** One stderr line per request for --debug: no headers or bodies, so no secret can show. */
export function debugLine(e: RequestLogEntry): string {
  const outcome = e.status === 0 ? 'no response' : String(e.status);
  const notes = [e.scope, e.faulted ? `fault ${e.faulted}` : undefined, `${e.ms} ms`].filter(Boolean).join(', ');
  return `emulator: ${e.method} ${e.path}${e.query ? `?${readable(e.query)}` : ''} → ${outcome} (${notes})\n`;
}

export async function runEmulatorCommand(argv: EmulatorArgs): Promise<void> {
  const io = getIO();
  const options = optionsFromArgs(argv);
  if (argv.debug === true || io.env.SUNCO_DEBUG === '1') options.onRequest = (entry) => io.stderr.write(debugLine(entry));
  if (argv.quiet !== true) options.onWebhookLine = (line) => io.stdout.write(`${line}\n`);
  const emu: RunningEmulator = await startEmulator(options);
  if (argv.config !== undefined) {
    try {
      const { applyConfigToEmulator } = await import('../emulator-config.js');
      await applyConfigToEmulator(emu, argv, io);
    } catch (err) {
      await emu.close();
      throw err;
    }
  }
  // With faults on, the seed is what replays a run: show it even when it was drawn at random.
  const seed = (options.faultRate ?? 0) > 0 ? `, fault seed ${emu.seed}` : '';
  io.stdout.write(`sunco emulator listening on ${emu.url} (account key ${emu.accountKey.keyId}${seed})\n`);
  // The user asked for a generated key by not passing --key: show its secret, once.
  if (emu.generatedKey) io.stdout.write(`secret: ${emu.accountKey.secret}, shown once\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    emulatorEvents.emit('started', emu);
  });
  await emu.close();
}
