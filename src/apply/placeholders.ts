/**
 * Placeholders in a step (src/plan/types.ts): `{{address}}` in paths and `{"$ref": address}`
 * in bodies become ids; `{"$secret": "address#field"}` becomes a value from the config;
 * `{"$bindings": [[key, id or $ref], ...]}` becomes the encoded bindings (resources/bindings.ts);
 * `{"$sensitive": [[key or $ref, paths], ...]}` the sensitive-field record (resources/sensitive-record.ts).
 */
import type { SuncoConfig } from '../config/types.js';
import { formatBindings } from '../resources/bindings.js';
import { formatSensitiveRecord, recordKey } from '../resources/sensitive-record.js';
import { configValue, UnresolvedError } from './config-values.js';

export { UnresolvedError };

/** Ids known so far: live ids from the plan, overlaid by ids created or adopted in this run. */
export interface IdLookup {
  /** `preferLive`: for a DELETE, which always targets the live object (a create-before-delete
   *  replace has already recorded the new object's id under the same address). */
  id(address: string, preferLive: boolean): string | undefined;
}

export class IdTable implements IdLookup {
  private readonly created = new Map<string, string>();
  constructor(private readonly live: Record<string, string>) {}

  record(address: string, id: string): void {
    this.created.set(address, id);
  }

  id(address: string, preferLive: boolean): string | undefined {
    const live = Object.prototype.hasOwnProperty.call(this.live, address) ? this.live[address] : undefined;
    const created = this.created.get(address);
    return preferLive ? (live ?? created) : (created ?? live);
  }

  /** Every id known, to refuse adopting an object that already belongs to another address. */
  knownIds(): Set<string> {
    return new Set([...Object.values(this.live), ...this.created.values()]);
  }
}

function idOf(ids: IdLookup, address: string, preferLive: boolean): string {
  const id = ids.id(address, preferLive);
  if (id === undefined) throw new UnresolvedError(`no id is known for ${address} (it does not exist live and was not created in this run)`);
  return id;
}

export function resolvePath(path: string, ids: IdLookup, preferLive = false): string {
  return path.replace(/\{\{([^}]+)\}\}/g, (_m, addr: string) => encodeURIComponent(idOf(ids, addr.trim(), preferLive)));
}

function isPlaceholder(v: object, key: '$ref' | '$secret'): v is Record<typeof key, string> {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === key && typeof (v as Record<string, unknown>)[key] === 'string';
}

function isRecord(v: object): v is { $sensitive: [string | { $ref: string }, string[]][] } {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$sensitive' && Array.isArray((v as Record<string, unknown>).$sensitive);
}

function isBindings(v: object): v is { $bindings: [string, string | { $ref: string }][] } {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$bindings' && Array.isArray((v as Record<string, unknown>).$bindings);
}

export function resolveBody(body: unknown, ids: IdLookup, config: SuncoConfig | undefined, preferLive = false): unknown {
  if (Array.isArray(body)) return body.map((v) => resolveBody(v, ids, config, preferLive));
  if (body === null || typeof body !== 'object') return body;
  if (isPlaceholder(body, '$ref')) return idOf(ids, body.$ref, preferLive);
  if (isBindings(body)) {
    // Bindings of resources created in this run (src/plan/bindings-plan.ts): ids, then the compact string.
    const entries = body.$bindings.map(([h, v]): [string, string] => [h, typeof v === 'string' ? v : idOf(ids, v.$ref, preferLive)]);
    return formatBindings(entries) ?? '';
  }
  if (isRecord(body)) {
    // The record's entries of objects created in this run (src/plan/sensitive-record-plan.ts): keyed by their new ids.
    const entries = body.$sensitive.map(([k, paths]): [string, string[]] => [typeof k === 'string' ? k : recordKey(idOf(ids, k.$ref, preferLive)), paths]);
    return formatSensitiveRecord(entries) ?? '';
  }
  if (isPlaceholder(body, '$secret')) {
    if (!config) throw new UnresolvedError(`no configuration was loaded to resolve ${body.$secret}`);
    return configValue(config, body.$secret);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k] = resolveBody(v, ids, config, preferLive);
  return out;
}
