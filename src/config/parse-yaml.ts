/**
 * One YAML file → a plain value with every node's position kept, variables resolved.
 * We walk the yaml AST ourselves (instead of doc.toJS) so that each value keeps its
 * line:column and each `${VAR}` is resolved where it is written. Refused: syntax errors,
 * duplicate keys (uniqueKeys), explicit non-core tags, alias expansion past MAX_ALIASES.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { interpolate } from './interpolate.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import { locate } from './path-address.js';
import { toPointer } from './pointer.js';
import type { SourceFile } from './read-files.js';

/** More alias expansions than this is a "billion laughs" attack, not a config. */
export const MAX_ALIASES = 100;
const CORE_TAG = 'tag:yaml.org,2002:';

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
  /** Pointers whose value was exactly one `${…}`: may be coerced to a boolean or a number. */
  wholeVariable: Set<string>;
  /** Pointers where a variable failed: schema errors there would only be noise. */
  failedVariable: Set<string>;
}

export function parseYamlFile(source: SourceFile, vars: ReadonlyMap<string, string>, issues: ConfigIssue[]): ParsedFile | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const issueAt = (offset: number, code: string, message: string, address?: string, hint?: string) => {
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
        issueAt(e.pos[0], 'yaml_syntax', e.message.split('\n')[0], undefined, usesVariable ? 'inside { } or [ ], quote values that use variables: "${NAME}"' : undefined);
      }
    }
    return undefined;
  }
  const out: ParsedFile = { source, value: null, nodes: new Map(), fromVariable: new Set(), wholeVariable: new Set(), failedVariable: new Set() };
  let aliases = 0;
  let bombed = false;
  const pos = (offset: number) => lc.linePos(offset);

  // `expanding`: offset of the outermost alias being expanded, so that issues inside an
  // expansion point at the alias the user wrote rather than at the anchor's content.
  const walk = (node: Node | null, path: string[], keyOffset: number | undefined, expanding?: number): unknown => {
    const pointer = toPointer(path);
    const start = node?.range?.[0] ?? keyOffset ?? 0;
    const p = pos(start);
    const k = keyOffset === undefined ? p : pos(keyOffset);
    if (!out.nodes.has(pointer)) out.nodes.set(pointer, { line: p.line, column: p.col, keyLine: k.line, keyColumn: k.col });
    if (node === null) return null;
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > MAX_ALIASES) {
        if (!bombed) issueAt(expanding ?? start, 'alias_limit', `more than ${MAX_ALIASES} alias expansions: refusing a possible alias bomb`);
        bombed = true;
        return null;
      }
      return walk((node.resolve(doc as Document) ?? null) as Node | null, path, keyOffset, expanding ?? start);
    }
    if (node.tag && !node.tag.startsWith(CORE_TAG)) {
      // The node's range starts after its tag: point at the tag itself.
      const tagAt = source.text.lastIndexOf('!', start);
      issueAt(tagAt >= 0 ? tagAt : start, 'custom_tag', `custom YAML tag ${node.tag} is not allowed`);
      return null;
    }
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          issueAt(keyNode?.range?.[0] ?? start, 'bad_key', 'mapping keys must be plain strings');
          continue;
        }
        const key = String(keyNode.value);
        obj[key] = walk(pair.value as Node | null, [...path, key], keyNode.range?.[0], expanding);
      }
      return obj;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node | null, [...path, String(i)], undefined, expanding));
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return node.value;
      const r = interpolate(node.value, vars);
      if (r.usedVariable) out.fromVariable.add(pointer);
      if (r.wholeVariable) out.wholeVariable.add(pointer);
      const raw = source.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
      for (const prob of r.problems) {
        out.failedVariable.add(pointer);
        const at = raw.indexOf(prob.raw.slice(0, 40));
        issueAt(start + Math.max(0, at), prob.code, prob.message, locate(path).address || undefined);
      }
      return r.value;
    }
    return null;
  };
  out.value = walk(doc.contents as Node | null, [], undefined);
  return out;
}
