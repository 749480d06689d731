/**
 * Decides, per resource, what the plan does: match declared entries to live objects level
 * by level (walking the registry), compare fields, and pick create / update / replace /
 * delete / unmanaged. Pure: no HTTP.
 */
import { refContextFor } from '../resources/ref-context.js';
import type { LoadedConfig } from '../config/types.js';
import { FINGERPRINT_KEY } from '../resources/fingerprint-key.js';
import { unmanagedAddress } from '../resources/addresses.js';
import { type Bindings, bindingKey, parseBindings } from '../resources/bindings.js';
import { BINDINGS_KEY } from '../resources/reserved-keys.js';
import { KINDS, ROOT_KIND, itemPath, listPath } from '../resources/registry.js';
import type { DesiredNode, LiveNode, RefContext, ResourceKind } from '../resources/types.js';
import { isPlainObject } from '../resources/values.js';
import type { LiveState } from '../state/types.js';
import { compareFields, createFields, type FieldEnv } from './diff-fields.js';
import { parseFingerprints } from './fingerprints.js';
import type { Item } from './items.js';
import { matchSiblings } from './match.js';
import { findReplacement } from './resume-replace.js';
import { appBindings } from './app-binding.js';
import { renameNotes } from './rename-notes.js';
import type { PlanNote } from './types.js';
import { Sensitivity } from './sensitive.js';
import { where } from '../config/where.js';

type ParentState = 'live' | 'new';

export interface BuildResult {
  items: Item[];
  errors: string[];
  /** Recorded fingerprints per logical app. */
  fingerprints: Map<string, FieldEnv['fingerprints']>;
  /** Recorded bindings per logical app (as read; stale ones included). */
  bindings: Map<string, Bindings>;
  notes: PlanNote[];
}

export function buildItems(loaded: LoadedConfig, live: LiveState, desired: DesiredNode[], prune: boolean): BuildResult {
  const errors: string[] = [];
  const sensitivity = new Sensitivity(loaded);
  const fingerprints = new Map<string, FieldEnv['fingerprints']>();
  const idToAddress = new Map<string, string>();
  const describe = (n: DesiredNode): string => `${where(loaded, n.address)}${n.address}`;
  const bindings = new Map<string, Bindings>();
  const notes: PlanNote[] = [];

  // Pass 1: match everything, so that references between siblings and cousins map ids to addresses.
  const matches = new Map<DesiredNode, LiveNode>();
  const unclaimed = new Map<DesiredNode | 'root', { kind: ResourceKind; nodes: LiveNode[] }[]>();
  const matchLevel = (k: ResourceKind, parent: DesiredNode | undefined, desiredNodes: DesiredNode[], liveNodes: LiveNode[] | undefined, bound: (n: DesiredNode) => string | undefined): void => {
    const result = matchSiblings(k, desiredNodes, liveNodes ?? [], describe, { missingPinOk: (n) => n.entry.absent === true, bound });
    errors.push(...result.errors);
    for (const [d, l] of result.matched) {
      matches.set(d, l);
      idToAddress.set(l.id, d.address);
      // An app's bindings are read once it is matched: they only ever bind its own children.
      if (k === ROOT_KIND) bindings.set(d.name, parseBindings(isPlainObject(l.raw.metadata) ? l.raw.metadata[BINDINGS_KEY] : undefined));
    }
    if (parent && liveNodes) {
      const list = unclaimed.get(parent) ?? [];
      list.push({ kind: k, nodes: result.unclaimed });
      unclaimed.set(parent, list);
    }
    for (const [d, l] of result.matched) {
      for (const childKind of k.children) {
        const kids = d.children.filter((c) => c.kind === childKind);
        matchLevel(KINDS[childKind], d, kids, l.children[childKind], (n) => bindings.get(n.app)?.get(bindingKey(n.address)));
      }
    }
  };
  const apps = appBindings(desired, live.apps, (d) => sensitivity.fromVariable(d.address, 'displayName'));
  notes.push(...apps.notes);
  matchLevel(ROOT_KIND, undefined, desired, live.apps, apps.bound);

  const ctxFor = (app: LiveNode | undefined): RefContext => refContextFor(app, (id) => idToAddress.get(id));

  const planNode = (d: DesiredNode, parent: Item | undefined, parentState: ParentState, appLive: LiveNode | undefined): Item => {
    const k = KINDS[d.kind];
    const parentItemPath = parent?.itemPath ?? '/v2';
    const item: Item = {
      kind: k, address: d.address, app: d.app, node: d, children: [], action: 'none', deleteAfter: [],
      listPath: listPath(k, parentItemPath), itemPath: itemPath(k, parentItemPath, d.address),
    };
    if (parent) item.parent = parent;
    const liveNode = parentState === 'live' ? matches.get(d) : undefined;
    if (liveNode) item.live = liveNode;
    const env: FieldEnv = { sensitivity, fingerprints: fingerprints.get(d.app) };
    const protect = d.entry.protect === true;
    for (const problem of k.check?.(d) ?? []) errors.push(`${describe(d)}: ${problem}`);
    // Replacing a parent deletes its children with it (and re-creates them).
    const replacedAncestor = ancestors(parent).find((a) => a.action === 'replace');
    if (parentState === 'new' && typeof d.entry.id === 'string') {
      errors.push(`${describe(d)}: pinned to id ${d.entry.id}, but ${parent?.address ?? 'its parent'} is ${parent?.action === 'replace' ? 'replaced' : 'created'}, so that object cannot exist; remove the \`id\` pin`);
    }
    if (protect && replacedAncestor) errors.push(`${describe(d)}: protect: true, but the plan would re-create it because ${replacedAncestor.address} is replaced`);

    if (k === ROOT_KIND && d.entry.absent === true) {
      if (liveNode) {
        item.action = 'delete';
        item.change = { address: d.address, kind: k.name, action: 'delete', fields: [], reason: 'absent: true', liveId: liveNode.id };
        if (protect) errors.push(`${describe(d)}: protect: true, but the plan would delete it (absent: true)`);
      }
      return item;
    }
    if (!liveNode) {
      const { diffs, writeOnlySent } = createFields(k, d, env);
      item.action = 'create';
      item.createWriteOnly = writeOnlySent;
      item.change = { address: d.address, kind: k.name, action: 'create', fields: diffs };
    } else {
      // Fingerprints describe the object the address was bound to when they were recorded. Bound
      // to another one (gone: this one matched by its natural key, e.g. a replacement whose
      // replace stopped before the bookkeeping), they say nothing of this object's values: its
      // write-only values are recorded, not compared, as for any adopted object.
      const boundId = k === ROOT_KIND ? undefined : bindings.get(d.app)?.get(bindingKey(d.address));
      if (boundId !== undefined && boundId !== liveNode.id) env.fingerprints = undefined;
      let cmp = compareFields(k, d, liveNode, ctxFor(appLive), env);
      const replacement = cmp.diffs.some((f) => f.forcesReplacement) && !protect && parent?.node
        // Its write-only values cannot be read, and the recorded fingerprints are the old object's:
        // they are recorded, not compared, as for any object sunco adopts (diff-fields.ts).
        ? findReplacement(k, d, unclaimedOf(parent.node, k), (l) => compareFields(k, d, l, ctxFor(appLive), { ...env, fingerprints: undefined }))
        : undefined;
      if (replacement) {
        cmp = replacement.compare;
        takeReplacement(d, k, parent!.node!, liveNode, replacement.live);
        item.live = replacement.live;
      }
      item.compare = cmp;
      for (const problem of k.irreversible?.(cmp.diffs) ?? []) errors.push(`${describe(d)}: ${problem}`);
      const forcing = cmp.diffs.filter((f) => f.forcesReplacement).map((f) => f.field);
      if (forcing.length > 0) {
        item.action = 'replace';
        item.createWriteOnly = createFields(k, d, env).writeOnlySent;
        const why = `${forcing.join(', ')} ${forcing.length === 1 ? 'forces' : 'force'} replacement`;
        item.change = { address: d.address, kind: k.name, action: 'replace', fields: cmp.diffs, reason: why, liveId: item.live!.id };
        if (protect) errors.push(`${describe(d)}: protect: true, but the plan would replace it (${why})`);
      } else if (cmp.diffs.length > 0) {
        item.action = 'update';
        item.change = { address: d.address, kind: k.name, action: 'update', fields: cmp.diffs, liveId: item.live!.id };
      }
    }
    const childState: ParentState = item.action === 'none' || item.action === 'update' ? 'live' : 'new';
    // Per child kind: the declared entries, then the live objects none of them claims (after the
    // entries: one of them may have taken an unclaimed object as its replacement).
    for (const childKind of k.children.map((c) => KINDS[c])) {
      for (const child of d.children) if (KINDS[child.kind] === childKind) item.children.push(planNode(child, item, childState, appLive));
      if (childState === 'live' && item.live) item.children.push(...leftovers(d, item, childKind, prune || pruneOf(loaded, d.app)));
    }
    return item;
  };

  /** The unclaimed live siblings of kind `k` under `parent`. */
  const unclaimedOf = (parent: DesiredNode, k: ResourceKind): LiveNode[] => (unclaimed.get(parent) ?? []).find((u) => u.kind === k)?.nodes ?? [];
  /** Objects an interrupted replace left, with the address whose replacement is in place. */
  const superseded = new Map<LiveNode, { address: string; by: string }>();
  /** `d` takes `now` (an interrupted replace's replacement) instead of `old`, which is deleted. */
  const takeReplacement = (d: DesiredNode, k: ResourceKind, parent: DesiredNode, old: LiveNode, now: LiveNode): void => {
    const list = (unclaimed.get(parent) ?? []).find((u) => u.kind === k)!;
    list.nodes = [...list.nodes.filter((n) => n !== now), old];
    superseded.set(old, { address: d.address, by: now.id });
    matches.set(d, now);
    idToAddress.delete(old.id);
    idToAddress.set(now.id, d.address);
    // The entry's children belong to the replacement now: match them again, under it.
    unclaimed.delete(d);
    for (const childKind of k.children) {
      matchLevel(KINDS[childKind], d, d.children.filter((c) => c.kind === childKind), now.children[childKind], (n) => bindings.get(n.app)?.get(bindingKey(n.address)));
    }
  };

  const leftovers = (d: DesiredNode, parent: Item, k: ResourceKind, pruneHere: boolean): Item[] =>
    unclaimedOf(d, k).map((l): Item => {
      const addr = unmanagedAddress(k, d.address, l.id);
      const replacedBy = superseded.get(l);
      const action = pruneHere || replacedBy ? 'delete' : 'unmanaged';
      const reason = replacedBy
        ? `left by an interrupted replace of ${replacedBy.address}, whose replacement ${replacedBy.by} is in place`
        : `not in the configuration: ${k.label(l.raw)}`;
      return {
        kind: k, address: addr, app: d.app, live: l, parent, children: [], action, deleteAfter: [],
        listPath: listPath(k, parent.itemPath), itemPath: itemPath(k, parent.itemPath, addr),
        change: { address: addr, kind: k.name, action, fields: [], reason, liveId: l.id },
      };
    });

  const items = desired.map((d) => {
    const appLive = matches.get(d);
    const meta = appLive && isPlainObject(appLive.raw.metadata) ? appLive.raw.metadata : undefined;
    fingerprints.set(d.name, parseFingerprints(meta?.[FINGERPRINT_KEY]));
    return planNode(d, undefined, 'live', appLive);
  });
  notes.push(...renameNotes(items));
  return { items, errors, fingerprints, bindings, notes };
}

function ancestors(item: Item | undefined): Item[] {
  const out: Item[] = [];
  for (let i = item; i; i = i.parent) out.push(i);
  return out;
}

function pruneOf(loaded: LoadedConfig, app: string): boolean {
  return loaded.config.prune === true || loaded.config.apps[app]?.prune === true;
}
