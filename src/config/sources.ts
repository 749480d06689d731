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

export function collectSources(files: ParsedFile[]): { sources: Map<string, SourcePosition>; sensitive: Set<string> } {
  const sources = new Map<string, SourcePosition>();
  const sensitive = new Set<string>();
  for (const file of files) {
    for (const [pointer, pos] of file.nodes) {
      if (pointer === '') continue;
      const { address, field } = locate(fromPointer(pointer));
      const key = field === '' ? address : fieldKey(address, field);
      if (!sources.has(key)) sources.set(key, { file: file.source.shown, line: pos.keyLine, column: pos.keyColumn });
    }
    // A value from a variable marks its field and every enclosing field path
    // (`#metadata.team` and `#metadata`), so a consumer may ask at either granularity.
    // Per-app credentials are secret even when written literally.
    const secrets = [...file.nodes.keys()].filter((p) => /^\/apps\/[^/]+\/credentials\/secret$/.test(p));
    for (const pointer of [...file.fromVariable, ...secrets]) {
      const { address, field } = locate(fromPointer(pointer));
      if (field === '') continue;
      const parts = field.split('.');
      for (let n = 1; n <= parts.length; n++) sensitive.add(fieldKey(address, parts.slice(0, n).join('.')));
    }
  }
  return { sources, sensitive };
}
