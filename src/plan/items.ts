/**
 * The planner's working record of one resource: what is declared, what is live, and the
 * action decided. Steps and changes are derived from items (steps.ts, diff.ts).
 */
import type { DesiredNode, LiveNode, Raw, ResourceKind } from '../resources/types.js';
import type { FieldCompare } from './diff-fields.js';
import type { Change, ChangeAction, FieldDiff } from './types.js';

export interface Item {
  kind: ResourceKind;
  address: string;
  /** Logical app name. */
  app: string;
  node?: DesiredNode;
  live?: LiveNode;
  parent?: Item;
  children: Item[];
  action: ChangeAction | 'none';
  /** Path templates: the list (create) and the item (update, delete). */
  listPath: string;
  itemPath: string;
  change?: Change;
  compare?: FieldCompare;
  /** Write-only fields whose value a create sends. */
  createWriteOnly?: string[];
  /** Created inline by this item's parent create (custom integration's first webhook). */
  inlinedInto?: Item;
  /** Replace: create the new object before deleting the old (something must keep pointing at it). */
  createFirst?: boolean;
  /** Update fields an API rule forces (repoint, unset a reference), beyond the config diff. */
  forced?: { body: Raw; diffs: FieldDiff[] };
  /** Extra step ids the delete step must wait for (references moved away first). */
  deleteAfter: string[];
}

export function stepId(item: Item, op: 'create' | 'link' | 'update' | 'delete'): string {
  return `${item.address}:${op}`;
}

export function* walkItems(items: Item[]): Generator<Item> {
  for (const i of items) {
    yield i;
    yield* walkItems(i.children);
  }
}

export function isDeleted(item: Item): boolean {
  return item.action === 'delete';
}
