import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A 24-hex-character id, like the API's (the spec's page cursors are 24 characters:
 * components.schemas.page). Within one process ids increase with creation order; pagination
 * does not rely on it (it walks each list in insertion order, see paginate.ts).
 */
export function newId(now: number = Date.now()): string {
  counter = (counter + 1) % 0xffffff;
  const time = Math.floor(now / 1000).toString(16).padStart(8, '0');
  const rand = randomBytes(5).toString('hex');
  return `${time}${counter.toString(16).padStart(6, '0')}${rand}`;
}

/** Key ids carry their scope in a prefix: act_ (account), app_ (app), int_ (integration). */
export function newKeyId(prefix: 'act' | 'app' | 'int' | 'svc'): string {
  return `${prefix}_${newId()}`;
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}
