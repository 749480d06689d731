/**
 * Hashes of live state, so that a saved plan can be refused as stale (DESIGN.md "Plans").
 * Generated secrets (the rows marked `generated` in src/resources/fields.ts: key and webhook
 * `secret`, messagebird `webhookSecret`) are dropped before hashing, so that a digest reveals
 * nothing about them and a plan file holds no hash of a secret.
 */
import { createHash } from 'node:crypto';
import { KINDS } from '../resources/registry.js';
import type { LiveNode, Raw } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';
import type { LiveState } from './types.js';

function scrub(node: LiveNode): Raw {
  const secret = KINDS[node.kind].generatedSecret?.(node.raw);
  if (secret === undefined) return node.raw;
  const { [secret]: _secret, ...rest } = node.raw;
  return rest;
}

function hash(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('base64url');
}

/** One live object's digest (its own fields, not its children). */
export function nodeDigest(node: LiveNode): string {
  return hash({ kind: node.kind, raw: scrub(node) }).slice(0, 16);
}

/**
 * A subtree as its canonical JSON text. Children are sorted by that text, computed once per
 * subtree: serializing inside the sort comparator made large states quadratic-ish.
 */
function tree(node: LiveNode): string {
  const children: Record<string, unknown> = {};
  for (const [k, list] of Object.entries(node.children)) children[k] = (list ?? []).map(tree).sort();
  return canonicalJson({ d: nodeDigest(node), children });
}

/** Digest of everything read (order-insensitive). */
export function stateFingerprint(live: LiveState): string {
  return hash(live.apps.map(tree).sort());
}
