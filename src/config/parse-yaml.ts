/**
 * One YAML file → a plain value with every node's position kept, variables resolved.
 * We walk the yaml AST ourselves (instead of doc.toJS) so that each value keeps its
 * line:column and each `${VAR}` is resolved where it is written. Refused: syntax errors,
 * duplicate keys (uniqueKeys), tags outside the YAML core schema, keys that are not data
 * (safe-keys.ts), numbers that JSON cannot carry, and alias expansion past MAX_ALIAS_NODES.
 * Anchors, aliases and `<<` merge keys (yaml-merge.ts) are how definitions are shared.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { interpolate } from './interpolate.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import { locate } from './path-address.js';
import { toPointer } from './pointer.js';
import type { SourceFile } from './read-files.js';
import { emptyRecord } from './safe-keys.js';
import { isExtensionField } from './top-level.js';
import { ALIAS_LIMIT_MESSAGE, MAX_ALIAS_NODES, effectivePairs, unknownAliasMessage, type WalkBudget } from './yaml-merge.js';
import { yamlErrorMessage } from './yaml-errors.js';
import { tagIssue } from './yaml-tags.js';

export { MAX_ALIAS_NODES } from './yaml-merge.js';

export interface NodePos {
  line: number;
  column: number;
  /** Where the key of this value is written (the value's own position for the root and sequence items). */
  keyLine: number;
  keyColumn: number;
}

export interface ParsedFile {
  source: SourceFile;
  value: unknown;
  /** By JSON pointer. */
  nodes: Map<string, NodePos>;
  /** Pointers whose string value came (wholly or partly) from a variable. */
  fromVariable: Set<string>;
  /** The variables each such pointer's value used (sensitive when one is declared `sensitive: true`). */
  variablesAt: Map<string, string[]>;
  /** Pointers whose value was exactly one `${…}`: may be coerced to a boolean or a number. */
  wholeVariable: Set<string>;
  /**
   * Pointers whose value is not checked: a variable failed or is unset, or the value was
   * already refused here. Schema and rule issues there would only be noise.
   */
  failedVariable: Set<string>;
  /** Variables referenced but not set, when the caller allows that (validate without --strict). */
  unsetVariables: Set<string>;
}

export interface ParseOptions {
  /** Unset variables are recorded in unsetVariables instead of being issues. */
  allowUnset?: boolean;
}

export function parseYamlFile(source: SourceFile, vars: ReadonlyMap<string, string>, issues: ConfigIssue[], options: ParseOptions = {}): ParsedFile | undefined {
  const lc = new LineCounter();
  // merge: `<<` keys (YAML 1.1, kept by compose files and most YAML tools) are how a fleet shares definitions.
  const doc = parseDocument(source.text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: true });
  const reported = new Set<string>();
  const issueAt = (offset: number, code: string, message: string, address?: string, hint?: string) => {
    // Shared content is walked once per use: report each problem once, where it is written.
    if (reported.has(`${offset}|${code}|${message}`)) return;
    reported.add(`${offset}|${code}|${message}`);
    const { line, col } = lc.linePos(offset);
    issues.push({ file: source.shown, line, column: col, code, message, address, hint, frame: codeFrame(source.text, line, col) });
  };
  if (doc.errors.length > 0) {
    // Syntax errors cascade (one missing quote yields a dozen): report the first, and every duplicate key.
    const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
    for (const e of doc.errors) {
      if (e.code === 'DUPLICATE_KEY') issueAt(e.pos[0], 'duplicate_key', 'duplicate key (each key may appear once in a mapping)');
      else if (e === syntax) {
        const { line } = lc.linePos(e.pos[0]);
        const usesVariable = /\$\{/.test(source.text.split(/\r?\n/)[line - 1] ?? '');
        if (e.code === 'RESOURCE_EXHAUSTION') issueAt(e.pos[0], 'yaml_too_deep', yamlErrorMessage(e));
        else issueAt(e.pos[0], 'yaml_syntax', yamlErrorMessage(e), undefined, usesVariable ? 'inside { } or [ ], quote values that use variables: "${NAME}"' : undefined);
      }
    }
    return undefined;
  }
  const out: ParsedFile = {
    source, value: null, nodes: new Map(), fromVariable: new Set(), variablesAt: new Map(), wholeVariable: new Set(), failedVariable: new Set(), unsetVariables: new Set(),
  };
  const budget: WalkBudget = { left: MAX_ALIAS_NODES, bombed: false };
  const pos = (offset: number) => lc.linePos(offset);
  const resolve = (n: Node) => (isAlias(n) ? ((n.resolve(doc as Document) ?? null) as Node | null) : n);
  const mergeCtx = { resolve, issueAt, budget, source: source.text };

  /**
   * `expanding`: offset of the outermost alias being expanded (for the bomb guard's report).
   * `raw`: inside a top-level `x-` field, which holds definitions only: keys and tags are
   * checked, but nothing is interpolated or recorded, since each use is checked where it lands.
   */
  const walk = (node: Node | null, path: string[], keyOffset: number | undefined, expanding: number | undefined, raw: boolean): unknown => {
    const pointer = toPointer(path);
    const start = node?.range?.[0] ?? keyOffset ?? 0;
    const p = pos(start);
    const k = keyOffset === undefined ? p : pos(keyOffset);
    // The `variables:` block is not interpolated, but its positions are kept for the schema's issues.
    if ((!raw || path[0] === 'variables') && !out.nodes.has(pointer)) out.nodes.set(pointer, { line: p.line, column: p.col, keyLine: k.line, keyColumn: k.col });
    if (node === null) return null;
    if (isAlias(node)) {
      const target = resolve(node);
      if (target === null) {
        // yaml resolves an alias with no anchor to null: that would pass wherever null is allowed.
        issueAt(start, 'unknown_alias', unknownAliasMessage(node.source));
        out.failedVariable.add(pointer);
        return null;
      }
      return walk(target, path, keyOffset, expanding ?? start, raw);
    }
    if (expanding !== undefined && --budget.left < 0) {
      if (!budget.bombed) issueAt(expanding, 'alias_limit', ALIAS_LIMIT_MESSAGE);
      budget.bombed = true;
      return null;
    }
    const badTag = tagIssue(node, source.text, start);
    if (badTag) {
      issueAt(badTag.offset, 'custom_tag', badTag.message, undefined, badTag.hint);
      out.failedVariable.add(pointer);
      return null;
    }
    if (isMap(node)) {
      const obj = emptyRecord();
      for (const [key, pair] of effectivePairs(node, mergeCtx, expanding !== undefined)) {
        const extension = raw || (path.length === 0 && (isExtensionField(key) || key === 'variables'));
        obj[key] = walk(pair.value, [...path, key], pair.keyOffset, pair.viaAlias ?? expanding, extension);
      }
      return obj;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node | null, [...path, String(i)], undefined, expanding, raw));
    if (isScalar(node)) return scalar(node.value, node.range, path, pointer, start, raw);
    return null;
  };

  const scalar = (value: unknown, range: Node['range'], path: string[], pointer: string, start: number, raw: boolean): unknown => {
    if (typeof value === 'number' && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))) {
      // JSON has no Infinity or NaN (JSON.stringify would send null), and an integer past 2^53 is not the one written.
      const what = Number.isFinite(value) ? 'is too large to be exact (at most 9007199254740991)' : 'is not a finite number (.inf and .nan are not allowed)';
      issueAt(start, 'bad_number', `${source.text.slice(range?.[0] ?? start, range?.[1] ?? start).trim()} ${what}`, locate(path).address || undefined);
      out.failedVariable.add(pointer);
      return null;
    }
    if (typeof value !== 'string' || raw) return value;
    if (!isWellFormed(value)) {
      // Double-quoted "\ud800" is valid YAML but not Unicode: the API would get an invalid string.
      issueAt(start, 'bad_string', 'string holds a lone surrogate ("\\ud800"-style escape): not valid Unicode', locate(path).address || undefined);
      out.failedVariable.add(pointer);
      return value;
    }
    const r = interpolate(value, vars);
    if (r.usedVariable) {
      out.fromVariable.add(pointer);
      out.variablesAt.set(pointer, r.names);
    }
    if (r.wholeVariable) out.wholeVariable.add(pointer);
    const text = source.text.slice(range?.[0] ?? 0, range?.[1] ?? 0);
    let unsetOnly = r.problems.length > 0;
    for (const prob of r.problems) {
      out.failedVariable.add(pointer);
      if (options.allowUnset && prob.variable !== undefined && prob.code !== 'bad_variable') {
        out.unsetVariables.add(prob.variable);
        continue;
      }
      unsetOnly = false;
      const at = text.indexOf(prob.raw.slice(0, 40));
      issueAt(start + Math.max(0, at), prob.code, prob.message, locate(path).address || undefined);
    }
    // An unset variable keeps its reference as the placeholder: `${A}` and `${B}` stay distinct
    // (no false "declared twice"), and two uses of `${A}` stay equal, as they will be once set.
    return unsetOnly ? value : r.value;
  };

  out.value = walk(doc.contents as Node | null, [], undefined, undefined, false);
  return out;
}

/** String.prototype.isWellFormed (ES2024) without raising the lib target: no lone surrogate. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
