/**
 * The pairs of a YAML mapping with `<<` merge keys applied (the YAML 1.1 merge type, as
 * docker compose uses it): keys written in the mapping win over merged ones, and with
 * `<<: [*a, *b]` the earlier source wins. Each value keeps the node it was written as, so
 * errors inside merged content point at the line where the value is written. Keys are
 * checked here: plain strings only, and none of the keys that are not data.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { forbiddenKeyMessage, isForbiddenKey } from './safe-keys.js';
import { tagIssue } from './yaml-tags.js';

/** More values than this produced by alias expansion is a "billion laughs" attack, not a config. */
export const MAX_ALIAS_NODES = 20_000;
export const ALIAS_LIMIT_MESSAGE = `alias expansion produces more than ${MAX_ALIAS_NODES} values: refusing a possible alias bomb`;

/** An alias whose anchor is not in its file (anchors do not cross the files of a directory config). */
export function unknownAliasMessage(name: string): string {
  return `alias *${name} names no anchor in this file (an anchor must be defined above its aliases, in the same file)`;
}

export interface WalkBudget {
  /** Nodes that alias expansion may still produce. */
  left: number;
  bombed: boolean;
}

export interface MergeContext {
  resolve(node: Node): Node | null;
  issueAt(offset: number, code: string, message: string, address?: string, hint?: string): void;
  budget: WalkBudget;
  /** The file's text (to point at a key's tag). */
  source: string;
}

export interface EffectivePair {
  value: Node | null;
  keyOffset: number | undefined;
  /** Offset of the alias through which a merged pair arrived (counts against the alias budget). */
  viaAlias?: number;
}

export function effectivePairs(map: YAMLMap, ctx: MergeContext, expanding: boolean, depth = 0): Map<string, EffectivePair> {
  const out = new Map<string, EffectivePair>();
  const merges: Node[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const at = keyNode?.range?.[0] ?? map.range?.[0] ?? 0;
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      if (pair.value) merges.push(pair.value as Node);
      continue;
    }
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      ctx.issueAt(at, 'bad_key', 'mapping keys must be plain strings');
      continue;
    }
    const badTag = tagIssue(keyNode, ctx.source, at);
    if (badTag) {
      ctx.issueAt(badTag.offset, 'custom_tag', badTag.message, undefined, badTag.hint);
      continue;
    }
    const key = String(keyNode.value);
    if (isForbiddenKey(key)) {
      ctx.issueAt(at, 'forbidden_key', forbiddenKeyMessage(key));
      continue;
    }
    out.set(key, { value: pair.value as Node | null, keyOffset: keyNode.range?.[0] });
  }
  for (const m of merges) {
    const sources = isSeq(m) ? (m.items as Node[]) : [m];
    for (const s of sources) {
      const aliasAt = isAlias(s) ? (s.range?.[0] ?? 0) : undefined;
      const target = ctx.resolve(s);
      if (isAlias(s) && target === null) {
        ctx.issueAt(s.range?.[0] ?? 0, 'unknown_alias', unknownAliasMessage(s.source));
        continue;
      }
      if (!isMap(target) || depth > 50) {
        ctx.issueAt(s.range?.[0] ?? 0, 'bad_merge', '"<<" merges a mapping, or a list of mappings (e.g. <<: *web or <<: [*web, *branding])');
        continue;
      }
      const via = aliasAt ?? (expanding ? (s.range?.[0] ?? 0) : undefined);
      for (const [key, pair] of effectivePairs(target, ctx, expanding || via !== undefined, depth + 1)) {
        // Merging copies pairs before any value is walked: it spends the same budget, or
        // nested merges could grow as fast as nested aliases.
        if (--ctx.budget.left < 0) {
          if (!ctx.budget.bombed) ctx.issueAt(via ?? 0, 'alias_limit', ALIAS_LIMIT_MESSAGE);
          ctx.budget.bombed = true;
          return out;
        }
        if (!out.has(key)) out.set(key, { ...pair, viaAlias: pair.viaAlias ?? via });
      }
    }
  }
  return out;
}
