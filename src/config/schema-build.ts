/**
 * Builds the JSON Schema (draft-07) of the config language from the field table in
 * src/resources/fields.ts plus the hand-written parts below. scripts/gen-schema.mjs writes
 * it to schema/sunco.schema.json; a test checks the committed file equals this output.
 * Integrations use an if/then chain keyed on `type` (not oneOf): ajv then reports a misspelt
 * field once, inside the matching type, instead of one error per alternative.
 */
import { INTEGRATION_FIELDS, KIND_FIELDS, type FieldSpec } from '../resources/fields.js';
import { configFieldNames, referencesOf, roleOf } from '../resources/common.js';
import type { KindName } from '../resources/kind-name.js';
import { KINDS } from '../resources/registry.js';
import type { Raw } from '../resources/types.js';
import { INTEGRATION_TYPES, type IntegrationType } from './types.js';
import { withSpecConstraints } from './spec-constraints.js';
import { EXTENSION_PATTERN, TOP_LEVEL_FIELDS } from './top-level.js';
import { APP_SETTINGS_DOCS, INTEGRATION_FIELD_DOCS, WEBHOOK_TRIGGERS } from './schema-descriptions.js';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const NAME_PATTERN = '^[A-Za-z0-9_-]{1,128}$';

/** A map of logical names → entries. Names become address segments, so no dots. */
function namedMap(description: string, item: Schema, extra: Schema = {}): Schema {
  return { type: 'object', description, propertyNames: { pattern: NAME_PATTERN }, additionalProperties: item, ...extra };
}

const common = (kind: string, ignorable: string[]): Schema => ({
  id: { type: 'string', minLength: 1, description: `Pin this ${kind} to an existing live object by its id instead of matching it by its natural key.` },
  protect: { type: 'boolean', description: `A plan that would delete or replace this ${kind} fails.` },
  ignoreChanges: {
    type: 'array', uniqueItems: true, items: { enum: ignorable },
    description: `Fields of this ${kind} whose live value is left alone (someone else owns them).`,
  },
});

/**
 * Fields an `ignoreChanges` list may name: the kind's writable fields in the config's names
 * (references by their config name: `next`, `defaultResponder`), from the field table.
 */
export function ignorableFields(kind: KindName, obj?: Raw): string[] {
  return configFieldNames(KINDS[kind].rows(obj));
}

/**
 * Whether the type takes `defaultResponderId`. Every channel does; `custom` does not: the spec's
 * `custom` and `customUpdate` schemas have no such field (a bot is what a switchboard routes to,
 * not a channel that needs a default responder).
 */
export function hasDefaultResponder(type: IntegrationType): boolean {
  return referencesOf(INTEGRATION_FIELDS[type]).length > 0;
}

/** Plain fields a config may set for an integration type: read-only ones (create 'none'), references and children excluded. */
export function writableFields(type: IntegrationType): FieldSpec[] {
  return INTEGRATION_FIELDS[type].filter((f) => f.create !== 'none' && roleOf(f) === 'field');
}

function fieldSchema(f: FieldSpec): Schema {
  const notes = [
    INTEGRATION_FIELD_DOCS[f.name] ?? f.name,
    f.create === 'required' ? 'Required.' : '',
    f.update === 'replace' ? 'Changing it replaces the integration.' : '',
    f.writeOnly ? 'Write-only: never read back; keep it in a ${VARIABLE}.' : '',
    f.default !== undefined ? `Default: ${String(f.default)}.` : '',
  ].filter(Boolean);
  const s: Schema = { type: f.type, description: notes.join(' ') };
  if (f.type === 'array') s.items = { type: 'string' };
  return s;
}

function integrationType(type: IntegrationType): Schema {
  const fields = writableFields(type);
  const properties: Schema = {
    type: { const: type, description: 'The integration type. Never changes: a different type is a different integration.' },
    displayName: fieldSchema({ name: 'displayName', type: 'string', create: 'optional', update: 'yes', readBack: true }),
    ...Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
    ...(hasDefaultResponder(type)
      ? { defaultResponder: { type: 'string', description: 'The switchboard integration (by name) that responds by default on this channel. API: defaultResponderId.' } }
      : {}),
    ...common('integration', ignorableFields('integration', { type })),
  };
  const s: Schema = { type: 'object', description: `A ${type} integration.`, properties, additionalProperties: false };
  const required = fields.filter((f) => f.create === 'required').map((f) => f.name);
  if (type === 'custom') {
    properties.webhooks = namedMap(INTEGRATION_FIELD_DOCS.webhooks, ref('webhook'), { minProperties: 1 });
    properties.keys = namedMap('custom: API keys of this integration, by logical name (at most 10).', ref('integrationKey'));
    required.push('webhooks');
  }
  if (required.length > 0) s.required = required;
  return s;
}

/** The schema of each top-level field; names and descriptions come from top-level.ts. */
const TOP_LEVEL_SCHEMAS: Record<string, Schema> = {
  $schema: { type: 'string' },
  version: { const: 1 },
  prune: { type: 'boolean' },
  apps: namedMap('', ref('app')),
  variables: {
    type: 'object',
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: {
        description: { type: 'string', description: 'What the variable is for (shown in docs and by validate).' },
        default: { type: ['string', 'number', 'boolean'], description: 'The value used when the variable is not set in the environment, a --var-file or --var.' },
        sensitive: { type: 'boolean', description: 'Mask the value in every output (plans, errors, --debug), wherever it is used, metadata included.' },
      },
    },
  },
};

export function buildSchema(): Schema {
  const definitions: Schema = {
    key: {
      type: 'object', description: 'An API key. Its secret, generated on create, is written to --secrets-out (sunco secrets pull copies it from the live key).',
      required: ['displayName'], additionalProperties: false,
      properties: { displayName: { type: 'string', minLength: 1, description: 'The key\'s name; its identity. Changing it replaces the key.' }, ...common('key', ignorableFields('app-key')) },
    },
    integrationKey: {
      type: 'object', description: 'An API key of a custom integration. Its secret is returned on create and written to --secrets-out.',
      required: ['displayName'], additionalProperties: false,
      properties: { displayName: { type: 'string', minLength: 1, description: 'The key\'s name; its identity. Changing it replaces the key.' }, ...common('key', ignorableFields('integration-key')) },
    },
    webhook: {
      type: 'object', description: 'A webhook of a custom integration. Its secret is returned on create.',
      required: ['target', 'triggers'], additionalProperties: false,
      properties: {
        target: { type: 'string', format: 'uri', description: 'The URL events are POSTed to; its identity within the integration.' },
        triggers: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...WEBHOOK_TRIGGERS] }, description: 'The events sent to the target.' },
        includeFullUser: { type: 'boolean', description: 'Include the full user object in payloads. Default: false.' },
        includeFullSource: { type: 'boolean', description: 'Include the full source object in payloads. Default: false.' },
        ...common('webhook', ignorableFields('webhook')),
      },
    },
    integration: {
      type: 'object', description: 'An integration (channel). The fields allowed depend on `type`.',
      required: ['type'],
      properties: { type: { enum: [...INTEGRATION_TYPES], description: 'The integration type.' } },
      allOf: INTEGRATION_TYPES.map((t) => ({ if: { properties: { type: { const: t } }, required: ['type'] }, then: ref(`integration-${t}`) })),
    },
    ...Object.fromEntries(INTEGRATION_TYPES.map((t) => [`integration-${t}`, integrationType(t)])),
    switchboardIntegration: {
      type: 'object', description: 'A switchboard integration; its name (the map key, unless `name` is given) is used in control transfer.',
      additionalProperties: false,
      properties: {
        // The API name apart from the map key, so that renaming it keeps the address (and its binding): an update, not a new object.
        name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'The name used in control transfer, when it differs from the map key (default: the map key). Changing it renames the switchboard integration in place.' },
        integration: { type: 'string', description: 'The integration (by logical name, same app) that receives events. API: integrationId.' },
        integrationType: {
          type: 'string',
          // A custom integration is linked by id only (spec: switchboardIntegrationType).
          not: { const: 'custom' },
          description: 'Instead of `integration`: an integration type, e.g. zd:agentWorkspace or an OAuth client id (not custom: name a custom integration with `integration`).',
        },
        deliverStandbyEvents: { type: 'boolean', description: 'Deliver events while not in control. Default: true.' },
        next: { type: 'string', description: 'The switchboard integration (by name) that control passes to next. API: nextSwitchboardIntegrationId.' },
        messageHistoryCount: { type: 'integer', minimum: 1, maximum: 10, description: 'Number of messages of history passed on with control (1-10).' },
        ...common('switchboard integration', ignorableFields('switchboard-integration')),
      },
    },
    switchboard: {
      type: 'object', description: 'The app\'s switchboard (one per app).', additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'Whether the switchboard routes events. Enabling needs a `default`.' },
        default: { type: 'string', description: 'The default switchboard integration (by name). API: defaultSwitchboardIntegrationId.' },
        integrations: namedMap('Switchboard integrations, by name (at most 10).', ref('switchboardIntegration'), { maxProperties: 10 }),
        id: { type: 'string', minLength: 1, description: 'Pin to an existing switchboard by its id.' },
        protect: { type: 'boolean', description: 'A plan that would delete this switchboard fails.' },
        ignoreChanges: common('switchboard', ignorableFields('switchboard')).ignoreChanges,
      },
    },
    settings: {
      type: 'object', description: 'App settings.', additionalProperties: false,
      properties: Object.fromEntries(KIND_FIELDS.appSettings.map((f) => [f.name, {
        type: f.type, description: APP_SETTINGS_DOCS[f.name] ?? f.name, ...(f.type === 'integer' ? { minimum: 0 } : {}),
      }])),
    },
    metadata: {
      type: 'object', description: 'Flat app metadata: string, number, boolean or null values; at most 4096 bytes as JSON.',
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    },
    credentials: {
      type: 'object', description: 'Credentials used for calls on this app instead of the global ones. Use ${VARIABLES}.',
      required: ['keyId', 'secret'], additionalProperties: false,
      properties: {
        keyId: { type: 'string', minLength: 1, description: 'Key id (app_…, act_…, svc_…).' },
        secret: { type: 'string', minLength: 1, description: 'Key secret.' },
      },
    },
    app: {
      type: 'object', description: 'An app. Its identity is `displayName` unless pinned by `id`.', additionalProperties: false,
      properties: {
        displayName: { type: 'string', minLength: 1, description: 'The app\'s name; its identity unless `id` is set. Required unless `absent`.' },
        ...common('app', ignorableFields('app')),
        absent: { type: 'boolean', description: 'Delete this app, and with it all its conversations. An absent app declares nothing else.' },
        prune: { type: 'boolean', description: 'Delete live resources of this app that the config does not declare.' },
        settings: ref('settings'),
        metadata: ref('metadata'),
        credentials: ref('credentials'),
        keys: namedMap('App API keys, by logical name (account credentials only; at most 10).', ref('key')),
        integrations: namedMap('Integrations, by logical name.', ref('integration')),
        switchboard: ref('switchboard'),
      },
      if: { properties: { absent: { const: true } }, required: ['absent'] },
      else: { required: ['displayName'] },
    },
  };
  return withSpecConstraints({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'sunco configuration',
    description: 'Sunshine Conversations configuration as code (sunco). Variables: ${VAR}, ${VAR:-default}, ${VAR:?message}; $${ is a literal ${.',
    type: 'object',
    required: ['version', 'apps'],
    additionalProperties: false,
    properties: Object.fromEntries(TOP_LEVEL_FIELDS.map((f) => [f.name, { ...TOP_LEVEL_SCHEMAS[f.name], description: f.description }])),
    patternProperties: { [EXTENSION_PATTERN]: { description: 'Ignored: holds YAML anchors shared across apps (the compose convention), e.g. x-web: &web {…} then <<: *web.' } },
    definitions,
  });
}
