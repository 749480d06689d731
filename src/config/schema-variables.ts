/**
 * The published schema (schema/sunco.schema.json, for editors) validates the file as written,
 * before variables are resolved: `showAIDisclaimer: ${SHOW_AI}` is a string there. So wherever
 * a variable may stand for a value with a rule (a boolean, a number, an enum, a length or a
 * pattern) the published schema also accepts a `${…}` reference, and an editor shows no error
 * on a valid file. `sunco validate` checks the resolved value against the strict schema instead
 * (schema/sunco.validate.cjs is compiled from buildSchema() without this step).
 */
type Schema = Record<string, unknown>;

/** Exactly one reference: what may stand for a boolean, a number or an enum value (it is coerced once resolved). */
const WHOLE = { type: 'string', pattern: '^\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::[-?][^}]*)?\\}$', description: 'A ${VARIABLE} reference; its value is checked once resolved.' };
/** A string holding a reference somewhere: what may stand for a string with a rule. */
const TEMPLATE = { type: 'string', pattern: '\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::[-?][^}]*)?\\}', description: 'A string using a ${VARIABLE}; its value is checked once resolved.' };

/** Fields that are never variables: `type` picks the integration's schema, `version` the language. */
const NOT_VARIABLE = new Set(['type', 'version', '$schema', 'ignoreChanges']);
const STRING_RULES = ['enum', 'const', 'pattern', 'minLength', 'maxLength', 'format', 'not'];

export function withVariables(schema: Schema): Schema {
  const out = structuredClone(schema);
  const defs = out.definitions as Record<string, Schema>;
  defs.variable = WHOLE;
  defs.variableTemplate = TEMPLATE;
  for (const def of Object.values(defs)) wrapProperties(def);
  wrapProperties(out);
  return out;
}

function wrapProperties(node: Schema): void {
  const props = node.properties as Record<string, Schema> | undefined;
  for (const [k, v] of Object.entries(props ?? {})) if (!NOT_VARIABLE.has(k)) props![k] = wrap(v);
}

function wrap(s: Schema): Schema {
  if (s.$ref || s.anyOf) {
    // The spec's rules can sit beside a $ref (app.settings: withSpecConstraints adds the
    // request body's properties there), and ajv applies both: they need the same wrapping.
    if (s.properties) wrapProperties(s);
    return s;
  }
  const types = ([] as unknown[]).concat(s.type ?? []);
  if (types.includes('object')) {
    wrapProperties(s);
    return s;
  }
  if (types.includes('array')) {
    if (s.items && typeof s.items === 'object') s.items = wrap(s.items as Schema);
    return s;
  }
  const { description, ...rule } = s;
  const nonString = types.some((t) => t !== 'string') || s.enum !== undefined || s.const !== undefined;
  if (nonString) return { ...(description ? { description } : {}), anyOf: [rule, { $ref: '#/definitions/variable' }] };
  if (STRING_RULES.some((k) => k in s)) return { ...(description ? { description } : {}), anyOf: [rule, { $ref: '#/definitions/variableTemplate' }] };
  return s;
}
