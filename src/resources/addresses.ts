/**
 * Addresses (DESIGN.md, "Addresses") and config locations, both derived from the registry:
 * each kind has an address `segment` and a `configKey` (where its entries sit in the parent
 * entry), so `app.support.integration.bot.webhook.main` ↔ the config path
 * apps.support.integrations.bot.webhooks.main, and a singleton (the switchboard) has no name.
 */
import { KINDS, ROOT_KIND } from './registry.js';
import type { KindName } from './kind-name.js';
import type { ResourceKind } from './types.js';

/** The address of an entry of kind `k` with this logical name under `parentAddress` (none: an app). */
export function addressOf(k: ResourceKind, parentAddress: string | undefined, name: string): string {
  if (parentAddress === undefined) return `${k.segment}.${name}`;
  return k.singleton ? `${parentAddress}.${k.segment}` : `${parentAddress}.${k.segment}.${name}`;
}

/**
 * The address of a live object no declared entry claims: `app.support.key[<id>]`. The brackets
 * cannot occur in a declared address (names are identifiers), which is what isUnmanagedAddress reads.
 */
export function unmanagedAddress(k: ResourceKind, parentAddress: string, id: string): string {
  return k.singleton ? addressOf(k, parentAddress, '') : `${parentAddress}.${k.segment}[${id}]`;
}

/** True for the address of an unmanaged object (unmanagedAddress), false for a declared entry's. */
export function isUnmanagedAddress(address: string): boolean {
  return address.endsWith(']');
}

/** The kinds from the root down to `name`. */
function chain(name: KindName): ResourceKind[] {
  const out: ResourceKind[] = [];
  for (let k: ResourceKind | undefined = KINDS[name]; k; k = k.parent ? KINDS[k.parent] : undefined) out.unshift(k);
  return out;
}

/**
 * The address of the entry of kind `target` named `name` in app `app`: what a reference
 * (`next: agent`) points to. Only kinds whose ancestors below the app are singletons can be
 * named this way (integrations, switchboard integrations).
 */
export function addressIn(app: string, target: KindName, name: string): string {
  const [root, ...below] = chain(target);
  let addr = addressOf(root!, undefined, app);
  for (const [i, k] of below.entries()) {
    if (i < below.length - 1 && !k.singleton) throw new Error(`${target} cannot be named by a reference (its parent ${k.name} is not a singleton)`);
    addr = addressOf(k, addr, name);
  }
  return addr;
}

export interface ParsedAddress {
  kind: ResourceKind;
  /** Where the entry sits in the config document, e.g. ['apps', 'support', 'integrations', 'bot']. */
  configPath: string[];
}

/** The kind and config path of a declared entry's address; undefined when it names none. */
export function parseAddress(addr: string): ParsedAddress | undefined {
  const tokens = addr.split('.');
  if (tokens[0] !== ROOT_KIND.segment || tokens[1] === undefined || tokens[1] === '') return undefined;
  let kind = ROOT_KIND;
  const configPath = [ROOT_KIND.configKey, tokens[1]];
  let i = 2;
  while (i < tokens.length) {
    const child = kind.children.map((c) => KINDS[c]).find((c) => c.segment === tokens[i]);
    if (!child) return undefined;
    if (child.singleton) {
      configPath.push(child.configKey);
      i += 1;
    } else {
      const name = tokens[i + 1];
      if (name === undefined || name === '') return undefined;
      configPath.push(child.configKey, name);
      i += 2;
    }
    kind = child;
  }
  return { kind, configPath };
}

export interface Located {
  /** '' for top-level fields (version, prune). */
  address: string;
  /** Dotted field path inside the entry ('' for the entry itself), e.g. `settings.multiConvoEnabled`. */
  field: string;
}

/**
 * Maps a path in the config document to the address of the entry that holds it and the
 * field path inside that entry: ['apps','support','integrations','sms','authToken'] →
 * { address: 'app.support.integration.sms', field: 'authToken' }.
 */
export function locate(path: readonly string[]): Located {
  if (path[0] !== ROOT_KIND.configKey || path[1] === undefined) return { address: '', field: path.join('.') };
  let kind = ROOT_KIND;
  let addr = addressOf(kind, undefined, path[1]);
  let consumed = 2;
  for (;;) {
    const child = kind.children.map((c) => KINDS[c]).find((c) => c.configKey === path[consumed]);
    if (!child) break;
    if (child.singleton) {
      addr = addressOf(child, addr, '');
      consumed += 1;
    } else {
      const name = path[consumed + 1];
      if (name === undefined) break;
      addr = addressOf(child, addr, name);
      consumed += 2;
    }
    kind = child;
  }
  return { address: addr, field: path.slice(consumed).join('.') };
}
