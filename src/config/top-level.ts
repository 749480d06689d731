/**
 * The top-level fields of a config file, in one place: the schema, the merge of a config
 * directory and the docs read this list. A new top-level block (such as a `variables:`
 * declaration) is one entry here plus its schema and its merge rule.
 */

export interface TopLevelField {
  name: string;
  description: string;
}

export const TOP_LEVEL_FIELDS: readonly TopLevelField[] = [
  { name: '$schema', description: 'The JSON Schema of this file (for editors).' },
  { name: 'version', description: 'The config language version. Always 1.' },
  { name: 'prune', description: 'Delete live resources inside declared apps that the config does not declare (like --prune).' },
  { name: 'variables', description: 'Variables this config uses, by name: a description, a default (used when the variable is not set) and whether it is sensitive (masked in every output). Values are never interpolated here.' },
  { name: 'apps', description: 'Apps, by logical name (address app.<name>).' },
];

/**
 * Top-level `x-…` fields are ignored (the docker compose convention): they hold YAML anchors
 * for definitions shared across apps, e.g. `x-web: &web {type: web, …}` then `<<: *web`.
 */
export const EXTENSION_PATTERN = '^x-';

export function isExtensionField(name: string): boolean {
  return name.startsWith('x-');
}
