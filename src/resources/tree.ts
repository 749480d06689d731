/**
 * The declared entries as a tree of DesiredNode, built by walking the registry: each kind
 * says where its entries sit in its parent's entry (`configKey`). The planner, the config's
 * identity checks and `sunco validate`'s counts all walk this one tree.
 */
import { addressOf } from './addresses.js';
import { mapEntries } from './common.js';
import { KINDS, ROOT_KIND } from './registry.js';
import type { DesiredNode, Raw, ResourceKind } from './types.js';
import { isPlainObject } from './values.js';

/** The declared entries of kind `k` in its parent's entry: [logical name ('' for a singleton), entry]. */
export function entriesOf(k: ResourceKind, parentEntry: Raw): [string, Raw][] {
  if (!k.singleton) return mapEntries(parentEntry, k.configKey);
  const v = parentEntry[k.configKey];
  return isPlainObject(v) ? [['', v]] : [];
}

function build(k: ResourceKind, parentEntry: Raw, parent: DesiredNode | undefined, app: string | undefined): DesiredNode[] {
  return entriesOf(k, parentEntry).map(([name, entry]) => {
    const node: DesiredNode = { kind: k.name, address: addressOf(k, parent?.address, name), name, app: app ?? name, entry, children: [] };
    if (parent) node.parent = parent;
    for (const child of k.children) node.children.push(...build(KINDS[child], entry, node, node.app));
    return node;
  });
}

/** The tree of a config document (`{ apps: ... }`). */
export function desiredTree(config: object): DesiredNode[] {
  return build(ROOT_KIND, config as Raw, undefined, undefined);
}

/** Pre-order walk of a tree of DesiredNode. */
export function* walk(nodes: DesiredNode[]): Generator<DesiredNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}
