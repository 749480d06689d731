/**
 * `sunco webhooks trigger EVENT --to URL`: a sample event from the spec's examples
 * (spec/webhook-examples.json, x-webhooks → EventWebhooks examples), with a fresh event id
 * and time, sent signed (`X-API-Key`) to a local URL, with no emulator and no credentials:
 * to test a bot's handler alone. `-d path=value` sets a field of the event's payload
 * (`-d message.content.text=hi`). The same loopback-only rule as the emulator applies.
 */
import { forbiddenKeyMessage, isForbiddenKey } from '../../../config/safe-keys.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../../../errors.js';
import { loopbackAddresses } from '../../../emulator/webhooks/local-target.js';
import { TIMEOUT_MS } from '../../../emulator/webhooks/retry-policy.js';
import { sendWebhook } from '../../../emulator/webhooks/send.js';
import type { CliIO } from '../../io.js';
import { printJson } from '../../output.js';

type Json = Record<string, unknown>;

function samples(): Record<string, Json> {
  return JSON.parse(readFileSync(new URL('../../../../spec/webhook-examples.json', import.meta.url), 'utf8')) as Record<string, Json>;
}

/** Sets `payload.a.b.c` from `a.b.c=value`; the value is JSON when it parses (numbers, booleans, objects), else the string. */
function setPath(target: Json, path: string, raw: string): void {
  const keys = path.split('.');
  // `-d __proto__.x=1` would write into Object.prototype: such keys are no payload paths.
  const bad = keys.find((k) => isForbiddenKey(k));
  if (bad !== undefined) throw new UserError(`-d ${path}: ${forbiddenKeyMessage(bad, 'path segment')}`);
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== 'object') node[k] = {};
    node = node[k] as Json;
  }
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  node[keys[keys.length - 1] as string] = value;
}

export function sampleBody(event: string, data: [string, string][], now = new Date()): Json {
  const all = samples();
  const sample = all[event];
  if (!sample) throw new UserError(`No sample for ${event}; the spec has examples for: ${Object.keys(all).join(', ')}`);
  const body = structuredClone(sample);
  const ev = (body.events as Json[])[0] as Json;
  ev.id = randomBytes(12).toString('hex');
  ev.createdAt = now.toISOString();
  for (const [path, value] of data) setPath(ev.payload as Json, path, value);
  return body;
}

export async function sendSample(io: CliIO, argv: { event: string; to: string; secret?: string; json?: boolean }, data: [string, string][], json: boolean): Promise<void> {
  const secret = argv.secret ?? io.env.SUNCO_WEBHOOK_SECRET;
  if (!secret) throw new UserError('--to needs the secret your handler checks: --secret SECRET or SUNCO_WEBHOOK_SECRET (sent as X-API-Key)');
  const body = sampleBody(argv.event, data);
  const addresses = await loopbackAddresses(argv.to);
  if (!addresses) throw new UserError(`--> ${argv.event}  ${argv.to}  not delivered: not a local address`);
  const started = Date.now();
  const outcome = await sendWebhook({ target: argv.to, secret, body: JSON.stringify(body), addresses, timeoutMs: TIMEOUT_MS, signal: new AbortController().signal });
  const ms = Date.now() - started;
  const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
  if (!ok) io.exitCode = 1;
  if (json) {
    printJson(io, { event: argv.event, target: argv.to, ...outcome, ms, body });
    return;
  }
  const result = 'status' in outcome ? String(outcome.status) : `error: ${outcome.error}`;
  (ok ? io.stdout : io.stderr).write(`--> ${argv.event}  ${argv.to}  ${result}  ${ms} ms\n`);
}
