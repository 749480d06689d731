/**
 * The optional top-level `variables:` block (Terraform's model): each variable by name with a
 * `description`, a `default` (used when the environment, a --var-file and --var leave it unset)
 * and `sensitive` (its value is masked in every output, wherever it is used). The schema
 * (schema-build.ts) reports malformed declarations with their position; this module only reads
 * the well-formed ones, before the rest of the file is interpolated, since defaults feed it.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { isVariableName } from './interpolate.js';
import type { SourceFile } from './read-files.js';

export interface DeclaredVariable {
  name: string;
  description?: string;
  /** As a string: variables are strings (a whole `${X}` may still be coerced where a number is due). */
  default?: string;
  sensitive: boolean;
  /** The file that declares it (as shown). */
  file: string;
}

/** Cheap test first: parsing a file twice is only paid by the files that declare variables. */
const HAS_BLOCK = /^variables\s*:/m;

export function declaredVariables(sources: readonly SourceFile[]): Map<string, DeclaredVariable> {
  const out = new Map<string, DeclaredVariable>();
  for (const source of sources) {
    if (!HAS_BLOCK.test(source.text)) continue;
    const doc = parseDocument(source.text, { prettyErrors: false, merge: true });
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const block = doc.contents.get('variables', true);
    if (!isMap(block)) continue;
    for (const pair of block.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!isVariableName(name) || !isMap(pair.value)) continue;
      const decl: DeclaredVariable = { name, sensitive: false, file: source.shown };
      for (const item of pair.value.items) {
        if (!isScalar(item.key) || !isScalar(item.value)) continue;
        const v = item.value.value;
        if (item.key.value === 'description' && typeof v === 'string') decl.description = v;
        if (item.key.value === 'default' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) decl.default = String(v);
        if (item.key.value === 'sensitive' && v === true) decl.sensitive = true;
      }
      // Declared in two files of one directory: sensitive if either says so (the safe reading).
      const prev = out.get(name);
      out.set(name, prev ? { ...prev, ...decl, sensitive: prev.sensitive || decl.sensitive } : decl);
    }
  }
  return out;
}

/** The variables with the declared defaults filled in where nothing else set them. */
export function withDefaults(vars: Map<string, string>, declared: ReadonlyMap<string, DeclaredVariable>): Map<string, string> {
  for (const d of declared.values()) if (d.default !== undefined && !vars.has(d.name)) vars.set(d.name, d.default);
  return vars;
}

/** Names of the variables declared `sensitive: true`. */
export function sensitiveNames(declared: ReadonlyMap<string, DeclaredVariable>): Set<string> {
  return new Set([...declared.values()].filter((d) => d.sensitive).map((d) => d.name));
}
