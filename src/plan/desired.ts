/**
 * The desired state as a tree of DesiredNode, built by walking the registry: each kind
 * says where its entries sit in its parent's entry.
 */
import type { SuncoConfig } from '../config/types.js';
import { KINDS, ROOT_KIND, addressOf } from '../resources/registry.js';
import type { DesiredNode, Raw, ResourceKind } from '../resources/types.js';

function build(k: ResourceKind, parentEntry: Raw, parent: DesiredNode | undefined, app: string | undefined): DesiredNode[] {
  return k.entries(parentEntry).map(([name, entry]) => {
    const node: DesiredNode = { kind: k.name, address: addressOf(k, parent?.address, name), name, app: app ?? name, entry, children: [] };
    if (parent) node.parent = parent;
    for (const child of k.children) node.children.push(...build(KINDS[child], entry, node, node.app));
    return node;
  });
}

export function desiredTree(config: SuncoConfig): DesiredNode[] {
  return build(ROOT_KIND, config as unknown as Raw, undefined, undefined);
}

/** Pre-order walk of a tree of DesiredNode. */
export function* walk(nodes: DesiredNode[]): Generator<DesiredNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}
