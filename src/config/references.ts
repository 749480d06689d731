/**
 * Rules the schema cannot express, checked on the merged config once every file passed
 * the schema: references by logical name, ambiguous identities, the metadata size limit,
 * the switchboard's default, and what an `absent` app may declare. All issues at once.
 * References and natural keys come from the kinds (src/resources/): a reference row names
 * its target kind, and identities are the kinds' natural keys.
 */
import { parseAddress } from '../resources/addresses.js';
import { describeNaturalKey, referencesOf } from '../resources/common.js';
import { KINDS, ROOT_KIND } from '../resources/registry.js';
import { desiredTree, walk } from '../resources/tree.js';
import type { DesiredNode } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';
import { didYouMean } from './did-you-mean.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import type { Merged } from './merge.js';

type Report = (segments: string[], onKey: boolean, addr: string, code: string, message: string, hint?: string) => void;

export function checkReferences(merged: Merged): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report: Report = (segments, onKey, addr, code, message, hint) => {
    if (merged.failed(segments)) return; // already reported as a variable issue
    const { file, pos } = merged.at(segments);
    const line = onKey ? pos.keyLine : pos.line;
    const column = onKey ? pos.keyColumn : pos.column;
    issues.push({ file: file.source.shown, line, column, address: addr, code, message, hint, frame: codeFrame(file.source.text, line, column) });
  };
  const apps = desiredTree(merged.config);
  duplicates(apps, report);
  for (const app of apps) {
    const nodes = [...walk([app])];
    for (const node of nodes) {
      checkEntry(node, report);
      duplicates(node.children, report);
      checkReferencesOf(node, nodes, report);
    }
  }
  return issues;
}

const pathOf = (node: DesiredNode): string[] => parseAddress(node.address)!.configPath;

/** Each reference names a declared entry of its target kind in the same app. */
function checkReferencesOf(node: DesiredNode, appNodes: DesiredNode[], report: Report): void {
  const k = KINDS[node.kind];
  for (const r of referencesOf(k.rows(node.entry))) {
    const value = node.entry[r.configName];
    if (typeof value !== 'string') continue;
    const names = appNodes.filter((n) => n.kind === r.refTo).map((n) => n.name);
    if (names.includes(value)) continue;
    const target = KINDS[r.refTo];
    const path = [...pathOf(node), r.configName];
    const parent = target.parent && target.parent !== ROOT_KIND.name ? KINDS[target.parent] : undefined;
    if (parent?.singleton && !appNodes.some((n) => n.kind === parent.name)) {
      report(path, false, node.address, 'unknown_reference', `${r.configName} names ${target.noun} "${value}", but app "${node.app}" declares no ${parent.noun}`);
    } else {
      report(path, false, node.address, 'unknown_reference', `${r.configName} names unknown ${target.noun} "${value}" of app "${node.app}"`, didYouMean(value, names) ?? (names.length ? `declared: ${names.join(', ')}` : undefined));
    }
  }
}

/** Rules a kind states about its own entries (resources/*.ts `validate`), placed at their field. */
function checkEntry(node: DesiredNode, report: Report): void {
  const path = pathOf(node);
  for (const issue of KINDS[node.kind].validate?.(node) ?? []) {
    report(issue.field === undefined ? path : [...path, issue.field], issue.onKey, node.address, issue.code, issue.message, issue.hint);
  }
}

/**
 * DESIGN.md, "Identity": entries are matched to live objects by natural key unless pinned by
 * id. Two unpinned siblings of one kind with one natural key (or two with one id) would be ambiguous.
 */
function duplicates(siblings: DesiredNode[], report: Report): void {
  const byKey = new Map<string, DesiredNode>();
  const byId = new Map<string, DesiredNode>();
  for (const e of siblings) {
    const k = KINDS[e.kind];
    if (k.singleton) continue;
    const id = e.entry.id;
    const seen = `${e.kind}\u0000`;
    if (typeof id === 'string') {
      const first = byId.get(seen + id);
      if (first) report(pathOf(e), true, e.address, 'duplicate_identity', `${k.noun} id ${id} is also pinned by ${first.address}`);
      else byId.set(seen + id, e);
      continue;
    }
    const natural = k.naturalKey(k.desired(e));
    if (Object.values(natural).every((v) => v === undefined)) continue;
    const key = seen + canonicalJson(natural);
    const first = byKey.get(key);
    if (first) report(pathOf(e), true, e.address, 'duplicate_identity', `${k.noun} with ${describeNaturalKey(natural)} is declared twice (also ${first.address}): the match would be ambiguous`, 'give one of them an "id", or change it');
    else byKey.set(key, e);
  }
}
