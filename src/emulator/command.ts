/**
 * `sunco emulator`: start, print one line, run until SIGINT/SIGTERM, then close (which
 * saves --state).
 */
import { EventEmitter } from 'node:events';
import type { EmulatorArgs } from '../cli/commands/emulator.js';
import { getIO } from '../cli/io.js';
import { UserError } from '../errors.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index.js';

/** Emits 'started' (RunningEmulator) once listening: lets in-process tests find the URL. */
export const emulatorEvents = new EventEmitter();

function check(ok: boolean, message: string): void {
  if (!ok) throw new UserError(message);
}

export function optionsFromArgs(argv: EmulatorArgs): EmulatorOptions {
  const { port, latency, rateLimit, faultRate, seed } = argv;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `--port must be an integer from 0 to 65535 (got ${String(port)})`);
  check(latency === undefined || (Number.isFinite(latency) && latency >= 0), `--latency must be a number of milliseconds ≥ 0 (got ${String(latency)})`);
  check(rateLimit === undefined || (Number.isInteger(rateLimit) && rateLimit >= 1), `--rate-limit must be an integer ≥ 1 (got ${String(rateLimit)})`);
  check(faultRate === undefined || (Number.isFinite(faultRate) && faultRate >= 0 && faultRate <= 1), `--fault-rate must be a number from 0 to 1 (got ${String(faultRate)})`);
  check(seed === undefined || Number.isInteger(seed), `--seed must be an integer (got ${String(seed)})`);
  if (argv.key !== undefined) {
    const i = argv.key.indexOf(':');
    check(i > 0 && i < argv.key.length - 1, '--key must be KEYID:SECRET (e.g. act_local:s3cret)');
  }
  return {
    host: argv.host,
    port,
    ...(argv.key !== undefined ? { key: argv.key } : {}),
    ...(argv.state !== undefined ? { stateFile: argv.state } : {}),
    ...(latency !== undefined ? { latencyMs: latency } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(faultRate !== undefined ? { faultRate } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

export async function runEmulatorCommand(argv: EmulatorArgs): Promise<void> {
  const io = getIO();
  const options = optionsFromArgs(argv);
  const emu: RunningEmulator = await startEmulator(options);
  io.stdout.write(`sunco emulator listening on ${emu.url} (account key ${emu.accountKey.keyId})\n`);
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
