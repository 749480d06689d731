/**
 * A child process for test/secret-mask.test.ts: writes a secret split across two writes to a
 * masked process.stdout, then ends the way argv[2] says (`exit`, `SIGTERM`, `SIGHUP`, or `held`: stops
 * with the start of a secret held back), so the test can see what reached the pipe.
 * Usage: node --import test/helpers/ts-register.mjs held-writer.ts HOW
 */
import { maskedWriter, resetSecretMask } from '../../src/secret-mask.js';

const how = process.argv[2];
resetSecretMask().add('split-secret-value-42');
const out = maskedWriter(process.stdout);
out.write('a: split-sec');
out.write('ret-value-42\n');
out.write('b: split-se');
if (how === 'exit') process.exit(3);
if (how === 'SIGTERM' || how === 'SIGHUP') process.kill(process.pid, how);
setTimeout(() => undefined, 10_000);
