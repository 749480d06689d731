/**
 * The names a config makes public: its addresses, resource names, field names and metadata
 * keys. The secret mask (src/secret-mask.ts addNames) does not mask a secret where it stands as
 * one of these, so that a token equal to an app's name leaves `app.support` readable.
 */
import { desiredTree, walk } from '../resources/tree.js';

export function publicNames(config: object): Set<string> {
  const names = new Set<string>();
  const keysOf = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  for (const node of walk(desiredTree(config))) {
    names.add(node.address);
    names.add(node.name);
    for (const key of keysOf(node.entry)) names.add(key);
    for (const key of keysOf((node.entry as { metadata?: unknown } | undefined)?.metadata)) names.add(key);
  }
  return names;
}
