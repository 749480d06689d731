/**
 * Child process for the kill -9 test: saves COUNT secrets through SecretsFile, 8 at a time as
 * an apply would, and prints `ack <address>` once each save has resolved (acknowledged).
 * Usage: node --import test/helpers/ts-register.mjs journal-writer.ts FILE COUNT
 */
import { SecretsFile } from '../../../src/apply/secrets-file.js';

const [file, count] = process.argv.slice(2);
const secrets = new SecretsFile(file!);
await secrets.check();
process.stdout.write('ready\n');
let next = 0;
const worker = async () => {
  while (next < Number(count)) {
    const i = next++;
    const address = `app.fleet${i % 10}.key.k${i}`;
    await secrets.save({ [address]: { id: `app_${i}`, secret: `secret-${i}` } });
    process.stdout.write(`ack ${address}\n`);
  }
};
await Promise.all(Array.from({ length: 8 }, worker));
await secrets.close();
process.stdout.write('closed\n');
