/**
 * The spec (spec/openapi.json) as tests read it: what each schema says of its properties.
 * Tests take their expectations from here (or from literal values), never from the
 * planner's table src/resources/fields.ts, so that a wrong row there can fail a test.
 * Written apart from the emulator's own reader (src/emulator/spec-fields.ts) on purpose.
 */
import { readFileSync } from 'node:fs';

type Node = { $ref?: string; allOf?: Node[]; properties?: Record<string, Node>; required?: string[]; readOnly?: boolean; writeOnly?: boolean; default?: unknown; discriminator?: { mapping: Record<string, string> } };

const schemas = (JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, Node> } }).components.schemas;

export interface SpecProperty {
  readOnly: boolean;
  writeOnly: boolean;
  default: unknown;
  required: boolean;
}

function target(node: Node): Node {
  if (node.$ref) return target(schemas[node.$ref.split('/').pop()!]!);
  return node;
}

/** A property's keywords, merged with those of what it refers to (`$ref`, or `allOf: [$ref]`). */
function keywords(node: Node): Node {
  const inner = node.$ref ? [node] : (node.allOf ?? []).filter((n) => n.$ref);
  return Object.assign({}, ...inner.map(target), node) as Node;
}

/** Every property of components.schemas[name], through allOf and $ref at any depth. */
export function specProperties(name: string): Map<string, SpecProperty> {
  const out = new Map<string, SpecProperty>();
  const required = new Set<string>();
  const visit = (node: Node): void => {
    const n = target(node);
    n.allOf?.forEach(visit);
    n.required?.forEach((r) => required.add(r));
    for (const [prop, raw] of Object.entries(n.properties ?? {})) {
      const k = keywords(raw);
      out.set(prop, { readOnly: k.readOnly === true, writeOnly: k.writeOnly === true, default: k.default, required: false });
    }
  };
  visit({ $ref: `#/components/schemas/${name}` });
  for (const [prop, p] of out) p.required = required.has(prop);
  return out;
}

/** The integration types: components.schemas.integration's discriminator mapping. */
export const SPEC_INTEGRATION_TYPES = Object.keys(schemas.integration!.discriminator!.mapping);

/** The update schema of an integration type (integrationUpdate's oneOf names two irregularly). */
export function updateSchemaOf(type: string): string {
  return ({ messagebird: 'messageBirdUpdate', whatsapp: 'whatsAppUpdate' } as Record<string, string>)[type] ?? `${type}Update`;
}
