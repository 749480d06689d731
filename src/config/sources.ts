/**
 * LoadedConfig.sources and .sensitive, from the positions and variable marks the parser kept.
 * Keys: the address for an entry, `address#field` for a field (`app.a#settings.multiConvoEnabled`,
 * `app.a.integration.web#originWhitelist.0`). An entry's position is where its name is written.
 */
import { fieldKey } from './address.js';
import type { ParsedFile } from './parse-yaml.js';
import { locate } from './path-address.js';
import { fromPointer } from './pointer.js';
import type { SourcePosition } from './types.js';

export function collectSources(files: ParsedFile[], sensitiveVariables: ReadonlySet<string> = new Set()): { sources: Map<string, SourcePosition>; sensitive: Set<string> } {
  const sources = new Map<string, SourcePosition>();
  const sensitive = new Set<string>();
  for (const file of files) {
    for (const [pointer, pos] of file.nodes) {
      if (pointer === '') continue;
      const { address, field } = locate(fromPointer(pointer));
      const key = field === '' ? address : fieldKey(address, field);
      if (!sources.has(key)) sources.set(key, { file: file.source.shown, line: pos.keyLine, column: pos.keyColumn });
    }
    // A value from a variable declared `sensitive: true` marks its own field path
    // (`#metadata.team`, not `#metadata`: the other metadata values are shown, and the
    // enclosing fields are src/plan/sensitive.ts's to derive). Other variables' values are
    // shown (docs/secrets.md): write-only and credential fields are secret by the field
    // table, whatever their value came from. Per-app credentials are secret even when literal.
    const secrets = [...file.nodes.keys()].filter((p) => /^\/apps\/[^/]+\/credentials\/secret$/.test(p));
    const fromSensitive = [...file.fromVariable].filter((p) => (file.variablesAt.get(p) ?? []).some((n) => sensitiveVariables.has(n)));
    for (const pointer of [...fromSensitive, ...secrets]) {
      const { address, field } = locate(fromPointer(pointer));
      if (field !== '') sensitive.add(fieldKey(address, field));
    }
  }
  return { sources, sensitive };
}
