/**
 * Only the YAML core schema's tags are data here (YAML 1.2, 10.3: str, int, float, bool,
 * null, map, seq). Everything else is refused where it is written: custom tags (`!vault`),
 * YAML 1.1 types that the yaml library would turn into something else (`!!set`, `!!omap`,
 * `!!binary`, `!!timestamp`) and language tags such as `!!js/function`.
 */
import type { Node } from 'yaml';

const CORE = 'tag:yaml.org,2002:';
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `${CORE}${t}`));

export interface TagIssue {
  offset: number;
  message: string;
  hint: string;
}

export function tagIssue(node: Node, text: string, start: number): TagIssue | undefined {
  const tag = node.tag;
  if (!tag || CORE_TAGS.has(tag)) return undefined;
  const shown = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
  // The node's range starts after its tag: point at the tag itself.
  const written = text.lastIndexOf(shown, start);
  const at = written >= 0 && start - written <= shown.length + 2 ? written : text.lastIndexOf('!', start);
  return {
    offset: at >= 0 ? at : start,
    message: `custom YAML tag ${shown} is not allowed`,
    hint: 'only the YAML core schema\'s tags are accepted: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq',
  };
}
